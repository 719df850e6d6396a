/** The API answered with an error: its HTTP status, stable `code` and message. */
export class SfmetaApiError extends Error {
  override name = 'SfmetaApiError';

  constructor(
    /** The HTTP status, e.g. 404. */
    readonly status: number,
    /** The API's stable error code, e.g. NOT_FOUND or VALIDATION_FAILED; `HTTP_<status>` when it gave none. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The error of a response that is not ok, from the API's `{statusCode, code, error, message}` body. */
  static from(response: Response, body: unknown): SfmetaApiError {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const code = typeof fields.code === 'string' ? fields.code : `HTTP_${response.status}`;
    const text = typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 200) : undefined;
    const message =
      typeof fields.message === 'string' ? fields.message : (text ?? `${response.status} ${response.statusText}`);
    return new SfmetaApiError(response.status, code, message);
  }
}
