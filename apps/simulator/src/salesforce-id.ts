import type { Prng } from './prng.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Appends Salesforce's 3-character case-safe checksum to a 15-character id. */
export function to18(id15: string): string {
  if (id15.length !== 15) throw new Error(`expected a 15-character id, got '${id15}'`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_CHARS.charAt(bits);
  }
  return id15 + suffix;
}

/** Base-62 digits of n, left-padded with zeros to width. */
export function base62(n: number, width: number): string {
  let out = '';
  let rest = Math.floor(n);
  while (rest > 0) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** The number base62 wrote; NaN when `digits` has a character outside base 62. */
export function parseBase62(digits: string): number {
  let n = 0;
  for (const c of digits) {
    const d = BASE62.indexOf(c);
    if (d < 0) return Number.NaN;
    n = n * 62 + d;
  }
  return n;
}

/** The 18-character id of the n-th record with this key prefix; `pod` mimics the server/instance digits. */
export function recordId(keyPrefix: string, n: number, pod = '5g'): string {
  return to18(`${keyPrefix}${pod}${base62(n, 10)}`);
}

/** A random-looking 18-character id with the given key prefix, drawn from the org's PRNG. */
export function randomId(keyPrefix: string, prng: Prng): string {
  let tail = '';
  for (let i = 0; i < 5; i++) tail += BASE62.charAt(prng.int(0, 61));
  return to18(`${keyPrefix}${BASE62.charAt(prng.int(1, 9))}${BASE62.charAt(prng.int(10, 61))}00000${tail}`);
}

/** Whether `target` names the id: the 18-character id, or its 15-character form (case-sensitive, as ids are). */
export function isIdOf(target: string, id: string): boolean {
  return (target.length === 15 || target.length === 18) && target.slice(0, 15) === id.slice(0, 15);
}
