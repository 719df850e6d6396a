import { Type, type TStringOptions } from 'typebox';
import { isStorableText } from '../storable-text.ts';

/** The format of every request string: text PostgreSQL stores as it is (no NUL, no unpaired surrogate). */
const TEXT_FORMAT = 'text';

// Any non-whitespace character; ajv compiles patterns with the `u` flag, as JSON Schema asks.
const NOT_BLANK = '\\S';

/** Formats for the validator's `formats` option. */
export const textFormats = { [TEXT_FORMAT]: { type: 'string', validate: isStorableText } } as const;

/** A request string of any content PostgreSQL can store. */
export const Text = (options: TStringOptions = {}) => Type.String({ ...options, format: TEXT_FORMAT });

/** A request string that names something (host, key, user, object, id): text that is not empty or blank. */
export const Identifier = (options: TStringOptions = {}) =>
  Type.String({ minLength: 1, ...options, pattern: NOT_BLANK, format: TEXT_FORMAT });

/** The message for a validation error of these schemas or of an enum, or undefined for any other error. */
export function textErrorMessage(error: { keyword: string; params?: Record<string, unknown> }): string | undefined {
  if (error.keyword === 'format' && error.params?.format === TEXT_FORMAT) {
    return 'must not contain NUL or unpaired surrogate characters';
  }
  if (error.keyword === 'pattern' && error.params?.pattern === NOT_BLANK) return 'must not be blank';
  const allowed = error.keyword === 'enum' ? error.params?.allowedValues : undefined;
  if (Array.isArray(allowed)) return `must be one of ${allowed.join(', ')}`;
  return undefined;
}
