import { InvalidInputError } from '../check-schema.ts';

/**
 * A mutation the org refuses as it stands (an unknown target, a standard object, a name already taken); none of
 * its batch applies.
 */
export class InvalidMutationError extends InvalidInputError {
  override readonly name = 'InvalidMutationError';
}
