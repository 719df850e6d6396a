import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** Raised when a value does not match its schema; `issues` lists each problem as `path: message`. */
export class SchemaValidationError extends Error {
  override readonly name = 'SchemaValidationError';
  constructor(
    readonly subject: string,
    readonly issues: string[],
  ) {
    super(`Invalid ${subject}: ${issues.join('; ')}`);
  }
}

/** Converts strings to the schema's types, fills defaults, and checks the result. */
export function parseSchema<T extends TSchema>(schema: T, value: unknown, subject: string): Static<T> {
  // Defaults first: converting an unset value would turn it into "" or 0 before a default could apply.
  const converted = Value.Convert(schema, Value.Default(schema, value));
  const issues = [...Value.Errors(schema, converted)].map((error) => `${error.instancePath || '/'} ${error.message}`);
  if (issues.length > 0) throw new SchemaValidationError(subject, issues);
  return converted as Static<T>;
}
