import { Type, type TSchema } from 'typebox';
import { Identifier } from './text.ts';

/** `T | null`. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An instant, serialized as ISO 8601. */
export const Timestamp = Type.String({ format: 'date-time' });

/** The body of every error answer. */
export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'Stable error code, e.g. VALIDATION_FAILED or NOT_FOUND' }),
    error: Type.String(),
    message: Type.String(),
  },
  { title: 'Error' },
);

/** Error answers every authenticated route may give. */
export const commonErrors = {
  401: ErrorResponse,
  500: ErrorResponse,
  503: ErrorResponse,
};

/**
 * An id path parameter: blank is a 400; anything else that is not a known id, malformed ones included,
 * reads as 404.
 */
export const IdParams = Type.Object({ id: Identifier({ maxLength: 100 }) });

export const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());
