import { InvalidInputError } from '../check-schema.ts';

/**
 * A mutation the org refuses as it stands (an unknown target, a standard object, a name already taken); none of
 * its batch applies.
 */
export class InvalidMutationError extends InvalidInputError {
  override readonly name = 'InvalidMutationError';
}

/** Refuses a change that changes nothing: Salesforce saves nothing then, and the caller surely meant something. */
export function requireChange(mutation: object, keys: readonly string[]): void {
  if (!keys.some((key) => key in mutation)) throw new InvalidMutationError(`give at least one of ${keys.join(', ')}`);
}
