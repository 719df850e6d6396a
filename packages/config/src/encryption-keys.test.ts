import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EncryptionKeyError, parseEncryptionKeys } from './encryption-keys.ts';

describe('parseEncryptionKeys', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('parses id:base64 pairs, newest first, in base64 or base64url, with or without padding', () => {
    const keys = parseEncryptionKeys(` new:${k1.toString('base64')} , old:${k2.toString('base64url')}`);
    expect(keys.map((k) => k.id)).toEqual(['new', 'old']);
    expect(keys[0]?.key.equals(k1)).toBe(true);
    expect(keys[1]?.key.equals(k2)).toBe(true);
  });

  it('explains what is wrong without echoing key material', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /no encryption keys/],
      [' , ', /no encryption keys/],
      ['justakey', /#1 is not of the form "id:base64key"/],
      [`:${k1.toString('base64')}`, /#1 is not of the form/],
      ['k1:not base64!', /"k1" is not valid base64/],
      [`k1:${randomBytes(16).toString('base64')}`, /"k1" is 16 bytes; AES-256 needs exactly 32/],
      [`k.1:${k1.toString('base64')}`, /must be 1-64 characters/],
      [`k1:${k1.toString('base64')},k1:${k2.toString('base64')}`, /"k1" appears twice/],
    ];
    for (const [spec, message] of cases) {
      let error: unknown;
      try {
        parseEncryptionKeys(spec);
      } catch (caught) {
        error = caught;
      }
      expect(error, spec).toBeInstanceOf(EncryptionKeyError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(k1.toString('base64'));
    }
  });
});
