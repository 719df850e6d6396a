import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key and the id that names it inside every envelope it seals. */
export interface EncryptionKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** Seals secrets for storage and opens them again; see createSecretBox. */
export interface SecretBox {
  /** Encrypts with the newest key: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). */
  seal(plaintext: string): string;
  /** Decrypts an envelope sealed with any configured key. */
  open(sealed: string): string;
  /** The id of the key an envelope was sealed with, without decrypting it (for re-encryption). */
  keyIdOf(sealed: string): string;
  /** The id of the key that seal() uses (keys[0]). */
  readonly newestKeyId: string;
}

export type SecretBoxErrorCode = 'INVALID_KEYS' | 'MALFORMED_ENVELOPE' | 'UNKNOWN_KEY' | 'DECRYPTION_FAILED';

/** Raised for bad key configuration and for envelopes that cannot be opened. Never carries secrets. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
  readonly code: SecretBoxErrorCode;

  constructor(code: SecretBoxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// The key id sits between dots in the envelope, so it must not contain one.
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Builds a SecretBox: keys[0] seals, every key opens (older keys stay until re-encryption). */
export function createSecretBox(keys: readonly EncryptionKey[]): SecretBox {
  const newest = keys[0];
  if (!newest) throw new SecretBoxError('INVALID_KEYS', 'at least one encryption key is required');
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    checkKey(id, key);
    if (byId.has(id)) throw new SecretBoxError('INVALID_KEYS', `encryption key id "${id}" appears twice`);
    // Copied so that a caller zeroing or reusing its buffer cannot change the box.
    byId.set(id, Buffer.from(key));
  }
  const sealKey = byId.get(newest.id) as Buffer;

  return {
    newestKeyId: newest.id,
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, sealKey, iv, { authTagLength: TAG_BYTES });
      // The version and key id are authenticated too, so an envelope cannot be relabelled.
      cipher.setAAD(Buffer.from(`${VERSION}.${newest.id}`));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, newest.id, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.');
    },
    open(sealed) {
      const envelope = parseEnvelope(sealed);
      const key = byId.get(envelope.keyId);
      if (!key) throw new SecretBoxError('UNKNOWN_KEY', `no encryption key with id "${envelope.keyId}" is configured`);
      try {
        const decipher = createDecipheriv(ALGORITHM, key, envelope.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(`${VERSION}.${envelope.keyId}`));
        decipher.setAuthTag(envelope.tag);
        return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new SecretBoxError('DECRYPTION_FAILED', 'secret could not be decrypted: tampered with or wrong key', {
          cause: error,
        });
      }
    },
    keyIdOf(sealed) {
      return parseEnvelope(sealed).keyId;
    },
  };
}

/**
 * Parses `id1:base64key,id2:base64key` (newest first), as found in SFMETA_ENCRYPTION_KEYS.
 * Keys are 32 random bytes in base64 or base64url, e.g. `openssl rand -base64 32`.
 */
export function parseEncryptionKeys(spec: string): EncryptionKey[] {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    throw new SecretBoxError('INVALID_KEYS', 'no encryption keys given: expected "id:base64key[,id:base64key...]"');
  }
  const keys = entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    // The message names the position and id only: the key material must never reach a log.
    if (colon <= 0) {
      throw new SecretBoxError('INVALID_KEYS', `encryption key #${index + 1} is not of the form "id:base64key"`);
    }
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!BASE64.test(encoded)) {
      throw new SecretBoxError('INVALID_KEYS', `encryption key "${id}" is not valid base64`);
    }
    return { id, key: Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64') };
  });
  const seen = new Set<string>();
  for (const { id, key } of keys) {
    checkKey(id, key);
    if (seen.has(id)) throw new SecretBoxError('INVALID_KEYS', `encryption key id "${id}" appears twice`);
    seen.add(id);
  }
  return keys;
}

function checkKey(id: string, key: Buffer): void {
  if (!KEY_ID.test(id)) {
    throw new SecretBoxError('INVALID_KEYS', `encryption key id "${id}" must be 1-64 characters of A-Z a-z 0-9 _ -`);
  }
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(
      'INVALID_KEYS',
      `encryption key "${id}" is ${key.length} bytes; AES-256 needs exactly ${KEY_BYTES} (generate one with: openssl rand -base64 32)`,
    );
  }
}

interface Envelope {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parseEnvelope(sealed: string): Envelope {
  const parts = sealed.split('.');
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || version !== VERSION || keyId === undefined || !KEY_ID.test(keyId)) {
    throw new SecretBoxError('MALFORMED_ENVELOPE', 'not a v1 secret envelope');
  }
  const envelope = { keyId, iv: unb64(iv), tag: unb64(tag), ciphertext: unb64(ciphertext) };
  if (envelope.iv.length !== IV_BYTES || envelope.tag.length !== TAG_BYTES) {
    throw new SecretBoxError('MALFORMED_ENVELOPE', 'secret envelope has a bad IV or tag length');
  }
  return envelope;
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function unb64(text: string | undefined): Buffer {
  if (text === undefined || !/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new SecretBoxError('MALFORMED_ENVELOPE', 'secret envelope part is not base64url');
  }
  return Buffer.from(text, 'base64url');
}
