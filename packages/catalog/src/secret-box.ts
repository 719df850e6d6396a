import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_ID, checkEncryptionKeys, type EncryptionKey } from '@sfmeta/config/encryption-keys';

export type { EncryptionKey } from '@sfmeta/config/encryption-keys';

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
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Builds a SecretBox: keys[0] seals, every key opens (older keys stay until re-encryption). */
export function createSecretBox(keys: readonly EncryptionKey[]): SecretBox {
  try {
    checkEncryptionKeys(keys);
  } catch (error) {
    throw new SecretBoxError('INVALID_KEYS', (error as Error).message, { cause: error });
  }
  const newest = keys[0] as EncryptionKey;
  // Copied so that a caller zeroing or reusing its buffer cannot change the box.
  const byId = new Map(keys.map(({ id, key }) => [id, Buffer.from(key)]));
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
