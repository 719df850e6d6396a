import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import { DatabaseUnavailableError } from '@sfmeta/catalog/database-unavailable-error';
import { StoreError } from '@sfmeta/catalog/store-error';
import { QueueUnavailableError } from '@sfmeta/queue/queue-unavailable-error';
import { AppError, type ErrorCode } from '../app-error.ts';
import { TimeoutError } from '../with-timeout.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

// PostgreSQL refusing a character (NUL, or one the encoding lacks): the request's fault, not the server's.
// Request schemas refuse such text first; this is the net for any text that reaches a query another way.
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

/** Maps anything thrown to an AppError; errors it does not know become INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Each dependency's outage is told by its own error type, never by a library's message.
  if (error instanceof QueueUnavailableError || error instanceof TimeoutError) {
    return new AppError('QUEUE_UNAVAILABLE', 'the job queue is unavailable, try again later', { cause: error });
  }
  if (error instanceof DatabaseUnavailableError) {
    return new AppError('DATABASE_UNAVAILABLE', 'the database is unavailable, try again later', { cause: error });
  }
  if (error instanceof StoreError) {
    if (error.code === 'CONNECTION_NOT_FOUND' || error.code === 'RUN_NOT_FOUND') {
      return new AppError('NOT_FOUND', error.message, { cause: error });
    }
    if (error.code === 'INVALID_INPUT') return new AppError('VALIDATION_FAILED', error.message, { cause: error });
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation)
    return new AppError('VALIDATION_FAILED', fastifyError.message ?? 'invalid request', { cause: error });
  if (fastifyError.code && UNSTORABLE_TEXT_CODES.has(fastifyError.code)) {
    return new AppError('VALIDATION_FAILED', 'the request contains characters that cannot be stored, such as NUL', {
      cause: error,
    });
  }
  const mapped = fastifyError.code && FASTIFY_CODES[fastifyError.code];
  if (mapped) return new AppError(mapped, fastifyError.message ?? mapped, { cause: error });
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHORIZED' : 'BAD_REQUEST';
    return new AppError(code, fastifyError.message ?? 'bad request', { cause: error });
  }
  return new AppError('INTERNAL', 'internal server error', { cause: error });
}

/** Maps an error for an answer and logs it: 5xx with the error itself, 4xx as a one-line refusal. */
export function logError(error: unknown, log: FastifyBaseLogger): AppError {
  const appError = toAppError(error);
  if (appError.statusCode >= 500) log.error({ err: error }, appError.message);
  else log.info({ code: appError.code, message: appError.message }, 'request refused');
  return appError;
}

/** Answers any error as `{statusCode, code, error, message}`, 500 messages hidden; also Fastify's `frameworkErrors`. */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = logError(error, request.log);
  const statusCode = appError.statusCode;
  // BAD_REQUEST keeps Fastify's own 4xx status (e.g. 400 vs 411 vs 431).
  const status = appError.code === 'BAD_REQUEST' ? ((error as FastifyError).statusCode ?? statusCode) : statusCode;
  return reply.code(status).send({
    statusCode: status,
    code: appError.code,
    error: STATUS_CODES[status] ?? 'Error',
    message: appError.message,
  });
}

/** The one error handler, for every route and for unknown routes. */
export default fp(
  async (app) => {
    app.setErrorHandler(sendError);

    app.setNotFoundHandler((request) => {
      throw new AppError('NOT_FOUND', `route ${request.method} ${request.url.split('?')[0]} does not exist`);
    });
  },
  { name: 'error-handler' },
);
