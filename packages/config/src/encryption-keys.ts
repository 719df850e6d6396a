/** One AES-256 key and the id that names it inside every envelope it seals. */
export interface EncryptionKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** Raised for a malformed SFMETA_ENCRYPTION_KEYS; the message never carries key material. */
export class EncryptionKeyError extends Error {
  override readonly name = 'EncryptionKeyError';
}

const KEY_BYTES = 32;
/** What a key id may be: it sits between dots in a sealed envelope, so it must not contain one. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

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
    throw new EncryptionKeyError('no encryption keys given: expected "id:base64key[,id:base64key...]"');
  }
  const keys = entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    // The message names the position and id only: the key material must never reach a log.
    if (colon <= 0) throw new EncryptionKeyError(`encryption key #${index + 1} is not of the form "id:base64key"`);
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!BASE64.test(encoded)) throw new EncryptionKeyError(`encryption key "${id}" is not valid base64`);
    return { id, key: Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64') };
  });
  checkEncryptionKeys(keys);
  return keys;
}

/** Checks ids and lengths, and that no id appears twice; the secret box checks its keys with it too. */
export function checkEncryptionKeys(keys: readonly EncryptionKey[]): void {
  if (keys.length === 0) throw new EncryptionKeyError('at least one encryption key is required');
  const seen = new Set<string>();
  for (const { id, key } of keys) {
    if (!KEY_ID.test(id))
      throw new EncryptionKeyError(`encryption key id "${id}" must be 1-64 characters of A-Z a-z 0-9 _ -`);
    if (key.length !== KEY_BYTES) {
      throw new EncryptionKeyError(
        `encryption key "${id}" is ${key.length} bytes; AES-256 needs exactly ${KEY_BYTES} ` +
          '(generate one with: openssl rand -base64 32)',
      );
    }
    if (seen.has(id)) throw new EncryptionKeyError(`encryption key id "${id}" appears twice`);
    seen.add(id);
  }
}
