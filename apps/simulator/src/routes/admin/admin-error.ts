/** An admin request refused with an HTTP status; the admin error handler answers `{statusCode, error, message}`. */
export class AdminError extends Error {
  override readonly name = 'AdminError';

  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
