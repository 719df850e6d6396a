/**
 * How the catalog reads one describe attribute of a known kind. Real orgs send surprises (a number
 * as a string, a key missing, null where a list belongs): the raw describe is always stored as sent,
 * and the typed value takes what can be read, with a note of what was odd.
 */
export type Kind = 'string' | 'string?' | 'int' | 'int?' | 'bool' | 'json' | 'array' | 'string[]';

/** A value read for a kind, and what was odd about the value sent, if anything. */
export interface ReadValue {
  value: unknown;
  problem?: string;
}

const NULLABLE = new Set<Kind>(['string?', 'int?', 'json']);

const NEUTRAL: Record<Kind, () => unknown> = {
  string: () => '',
  'string?': () => null,
  int: () => 0,
  'int?': () => null,
  bool: () => false,
  json: () => null,
  array: () => [],
  'string[]': () => [],
};

const EXPECTED: Record<Kind, string> = {
  string: 'a string',
  'string?': 'a string or null',
  int: 'an integer',
  'int?': 'an integer or null',
  bool: 'a boolean',
  json: 'any JSON',
  array: 'a list',
  'string[]': 'a list of strings',
};

const INTEGER_TEXT = /^-?\d{1,10}$/;
const MAX_INT = 2 ** 31 - 1;

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 80) ?? String(value);

/** Reads `value` as `kind`: as sent when it fits, converted when the meaning is plain, else neutral. */
export function readValue(value: unknown, kind: Kind): ReadValue {
  if (value === undefined || value === null) {
    if (NULLABLE.has(kind)) return { value: null };
    const problem =
      value === undefined
        ? 'missing'
        : kind === 'array' || kind === 'string[]'
          ? 'null where a list is expected'
          : 'null';
    return { value: NEUTRAL[kind](), problem };
  }
  const odd = (converted: unknown, what: string): ReadValue => ({ value: converted, problem: what });
  const wrong = () => odd(NEUTRAL[kind](), `expected ${EXPECTED[kind]}, got ${shown(value)}`);
  switch (kind) {
    case 'json':
      return { value };
    case 'string':
    case 'string?':
      if (typeof value === 'string') return { value };
      if (typeof value === 'number' || typeof value === 'boolean') {
        return odd(String(value), `a ${typeof value} where a string is expected: ${shown(value)}`);
      }
      return wrong();
    case 'int':
    case 'int?':
      if (Number.isInteger(value) && Math.abs(value as number) <= MAX_INT) return { value };
      if (typeof value === 'string' && INTEGER_TEXT.test(value) && Math.abs(Number(value)) <= MAX_INT) {
        return odd(Number(value), `a number sent as a string: ${shown(value)}`);
      }
      return wrong();
    case 'bool':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') {
        return odd(value === 'true', `a boolean sent as a string: ${shown(value)}`);
      }
      return wrong();
    case 'array':
      return Array.isArray(value) ? { value } : wrong();
    case 'string[]':
      if (!Array.isArray(value)) return wrong();
      if (value.every((item) => typeof item === 'string')) return { value };
      return odd(
        value.filter((item) => typeof item === 'string'),
        `a list with items that are not strings: ${shown(value)}`,
      );
  }
}
