/** Every error code the API answers with, and the HTTP status it maps to: the one place for both. */
export const errorStatuses = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  HOST_NOT_ALLOWED: 400,
  WEBHOOK_URL_NOT_ALLOWED: 400,
  BAD_REQUEST: 400,
  INVALID_STATE: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  NO_CATALOG: 404,
  CONNECTION_NOT_READY: 409,
  NOT_OAUTH_CONNECTION: 409,
  CONNECTION_BUSY: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  QUEUE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatuses;

/** An error meant for the client: a stable code, a message safe to show, and its cause for the logs. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  get statusCode(): number {
    return errorStatuses[this.code];
  }
}
