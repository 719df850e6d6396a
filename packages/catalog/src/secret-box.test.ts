import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError, type EncryptionKey } from './secret-box.ts';

const key = (id: string): EncryptionKey => ({ id, key: randomBytes(32) });

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    return (error as SecretBoxError).code;
  }
  return undefined;
}

describe('createSecretBox', () => {
  it('round-trips text, including empty and non-ASCII strings', () => {
    const box = createSecretBox([key('k1')]);
    for (const text of ['s3cr3t', '', 'pässwörd ✓ 密码', 'x'.repeat(10_000)]) {
      expect(box.open(box.seal(text))).toBe(text);
    }
  });

  it('writes v1.<keyId>.<iv>.<tag>.<ciphertext> with a fresh IV each time', () => {
    const box = createSecretBox([key('k1')]);
    const first = box.seal('same');
    const second = box.seal('same');
    expect(first).not.toBe(second);
    const [version, keyId, iv, tag, ciphertext] = first.split('.');
    expect([version, keyId]).toEqual(['v1', 'k1']);
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(ciphertext).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(iv).not.toBe(second.split('.')[2]);
    expect(box.keyIdOf(first)).toBe('k1');
  });

  it('detects tampering with the ciphertext, the tag, the IV or the key id', () => {
    const k1 = key('k1');
    const box = createSecretBox([k1, { id: 'k2', key: k1.key }]);
    const parts = box.seal('hello world').split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((part, i) => (i === index ? flip(part) : part)).join('.');
      expect(codeOf(() => box.open(tampered))).toBe('DECRYPTION_FAILED');
    }
    // Same key bytes under another id: the id is authenticated, so relabelling fails.
    const relabelled = ['v1', 'k2', ...parts.slice(2)].join('.');
    expect(codeOf(() => box.open(relabelled))).toBe('DECRYPTION_FAILED');
  });

  it('opens with an older key after rotation and seals with the newest', () => {
    const old = key('2024');
    const sealedWithOld = createSecretBox([old]).seal('legacy');
    const rotated = createSecretBox([key('2025'), old]);
    expect(rotated.open(sealedWithOld)).toBe('legacy');
    expect(rotated.keyIdOf(rotated.seal('new'))).toBe('2025');
  });

  it('rejects unknown key ids and malformed envelopes with typed errors', () => {
    const sealed = createSecretBox([key('gone')]).seal('x');
    const box = createSecretBox([key('k1')]);
    expect(codeOf(() => box.open(sealed))).toBe('UNKNOWN_KEY');
    expect(box.keyIdOf(sealed)).toBe('gone');
    for (const bad of [
      '',
      'plaintext',
      'v2.k1.a.b.c',
      'v1.k1.AAAA.AAAA.AAAA',
      'v1.k1.a.b',
      'v1.k.1.a.b.c',
      'v1.k1.!!.x.y',
    ]) {
      expect(codeOf(() => box.open(bad))).toBe('MALFORMED_ENVELOPE');
    }
  });

  it('refuses bad key sets', () => {
    expect(codeOf(() => createSecretBox([]))).toBe('INVALID_KEYS');
    expect(codeOf(() => createSecretBox([{ id: 'short', key: randomBytes(16) }]))).toBe('INVALID_KEYS');
    expect(codeOf(() => createSecretBox([key('a.b')]))).toBe('INVALID_KEYS');
    expect(codeOf(() => createSecretBox([key('dup'), key('dup')]))).toBe('INVALID_KEYS');
  });
});
