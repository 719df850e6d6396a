import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Input that does not match its schema (an admin request body, an environment variable); the message names
 * each problem.
 */
export class InvalidInputError extends Error {
  // Typed string, not the literal, so that subclasses (InvalidMutationError) can name themselves.
  override readonly name: string = 'InvalidInputError';
}

/** The problems of a value, one per offending key, worded for a person who typed it. */
function problems(schema: TSchema, value: unknown): string[] {
  const byPath = new Map<string, string>();
  for (const error of Value.Errors(schema, value)) {
    // An unknown key yields two errors, at the key and at its object: keep the one that names the key.
    if (error.keyword === 'additionalProperties') continue;
    const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const unknownKey = error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties');
    // Union branches report one error each; the first says the most (e.g. "must be >= 0" before "must be null").
    if (!byPath.has(path))
      byPath.set(path, unknownKey ? `${path} is not a known key` : `${path || 'value'} ${error.message}`);
  }
  return [...byPath.values()];
}

/**
 * The value, typed, when it matches the schema exactly; no coercion, so "0.3" is not a rate. Throws
 * InvalidInputError otherwise.
 */
export function checkSchema<T extends TSchema>(schema: T, value: unknown, subject: string): Static<T> {
  if (Value.Check(schema, value)) return value as Static<T>;
  throw new InvalidInputError(`invalid ${subject}: ${problems(schema, value).join('; ')}`);
}
