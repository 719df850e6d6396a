import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '@sfmeta/catalog/database-unavailable-error';
import { StoreError } from '@sfmeta/catalog/store-error';
import { QueueUnavailableError } from '@sfmeta/queue/queue-unavailable-error';
import { AppError } from '../app-error.ts';
import { TimeoutError } from '../with-timeout.ts';
import { toAppError } from './error-handler.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('toAppError', () => {
  it.each([
    [new AppError('NO_CATALOG', 'none yet'), 'NO_CATALOG', 404, 'none yet'],
    [new QueueUnavailableError('Redis is reconnecting'), 'QUEUE_UNAVAILABLE', 503, /unavailable/],
    [new TimeoutError('slow'), 'QUEUE_UNAVAILABLE', 503, /unavailable/],
    [new DatabaseUnavailableError('PostgreSQL is unavailable'), 'DATABASE_UNAVAILABLE', 503, /database is unavailable/],
    // A library's message is not read: an unknown error is internal, whatever it says.
    [new Error('timeout exceeded when trying to connect'), 'INTERNAL', 500, 'internal server error'],
    [
      new StoreError('CONNECTION_NOT_FOUND', 'connection x does not exist'),
      'NOT_FOUND',
      404,
      'connection x does not exist',
    ],
    [new StoreError('INVALID_INPUT', 'needs a username'), 'VALIDATION_FAILED', 400, 'needs a username'],
    [withCode('Body is too large', 'FST_ERR_CTP_BODY_TOO_LARGE'), 'BODY_TOO_LARGE', 413, 'Body is too large'],
    [
      withCode('invalid byte sequence for encoding "UTF8": 0x00', '22021'),
      'VALIDATION_FAILED',
      400,
      /cannot be stored/,
    ],
    [
      new Error('password authentication failed for user "sfmeta" with s3cret'),
      'INTERNAL',
      500,
      'internal server error',
    ],
  ])('maps %s', (error, code, status, message) => {
    const mapped = toAppError(error);
    expect(mapped.code).toBe(code);
    expect(mapped.statusCode).toBe(status);
    expect(mapped.message).toMatch(message);
    if (mapped !== error) expect(mapped.cause).toBe(error);
  });
});
