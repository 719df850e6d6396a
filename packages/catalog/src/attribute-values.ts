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
  // No closures in here: run for every typed attribute of every field, making them costs more than reading.
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
  switch (kind) {
    case 'json':
      return { value };
    case 'string':
    case 'string?':
      if (typeof value === 'string') return { value };
      if (typeof value === 'number' || typeof value === 'boolean') {
        return { value: String(value), problem: `a ${typeof value} where a string is expected: ${shown(value)}` };
      }
      return wrong(value, kind);
    case 'int':
    case 'int?':
      if (isInt(value)) return { value };
      if (typeof value === 'string' && INTEGER_TEXT.test(value) && Math.abs(Number(value)) <= MAX_INT) {
        return { value: Number(value), problem: `a number sent as a string: ${shown(value)}` };
      }
      return wrong(value, kind);
    case 'bool':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') {
        return { value: value === 'true', problem: `a boolean sent as a string: ${shown(value)}` };
      }
      return wrong(value, kind);
    case 'array':
      return Array.isArray(value) ? { value } : wrong(value, kind);
    case 'string[]':
      if (!Array.isArray(value)) return wrong(value, kind);
      if (value.every(isString)) return { value };
      return {
        value: value.filter(isString),
        problem: `a list with items that are not strings: ${shown(value)}`,
      };
  }
}

/**
 * What is odd about `value` read as `kind`, if anything: readValue's problem, without building a
 * ReadValue for the values that fit as sent (nearly all of them).
 */
export function problemOf(value: unknown, kind: Kind): string | undefined {
  return fits(value, kind) ? undefined : readValue(value, kind).problem;
}

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'string?':
      return value === null || value === undefined || typeof value === 'string';
    case 'int':
      return isInt(value);
    case 'int?':
      return value === null || value === undefined || isInt(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'json':
      return true;
    case 'array':
      return Array.isArray(value);
    case 'string[]':
      return Array.isArray(value) && value.every(isString);
  }
}

const isInt = (value: unknown) => Number.isInteger(value) && Math.abs(value as number) <= MAX_INT;

const isString = (item: unknown): item is string => typeof item === 'string';

const wrong = (value: unknown, kind: Kind): ReadValue => ({
  value: NEUTRAL[kind](),
  problem: `expected ${EXPECTED[kind]}, got ${shown(value)}`,
});
