/** No answer from the API: connection refused, unknown host, reset or timed out before a response. */
export class SfmetaUnreachableError extends Error {
  override name = 'SfmetaUnreachableError';

  constructor(
    readonly baseUrl: string,
    /** The network error's code when it has one, e.g. ECONNREFUSED or ENOTFOUND. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot reach the sfmeta API at ${baseUrl} (${reason})`, options);
  }

  /** Whether `error` is fetch failing to get an answer at all (rather than an abort or a bug). */
  static isNetworkFailure(error: unknown): error is TypeError {
    return error instanceof TypeError && error.message === 'fetch failed';
  }

  /** The most specific code or message of a failed fetch's cause chain. */
  static reasonOf(error: unknown): string {
    for (let cause = error; cause instanceof Error; cause = cause.cause) {
      const code = (cause as { code?: unknown }).code;
      if (typeof code === 'string') return code;
      if (!(cause.cause instanceof Error)) return cause.message;
    }
    return String(error);
  }
}
