/** A REST failure with Salesforce's status, error code and message; handlers throw it, the router answers it. */
export class RestError extends Error {
  override readonly name = 'RestError';

  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    /** Salesforce writes errorCode first in a few bodies (NOT_FOUND and friends); mimic the bytes. */
    readonly errorCodeFirst = false,
  ) {
    super(message);
  }

  /** The JSON array Salesforce sends. */
  body(): Record<string, string>[] {
    return this.errorCodeFirst
      ? [{ errorCode: this.errorCode, message: this.message }]
      : [{ message: this.message, errorCode: this.errorCode }];
  }
}

/** The errors the simulator answers, by name. */
export const restErrors = {
  notFound: () => new RestError(404, 'NOT_FOUND', 'The requested resource does not exist', true),
  methodNotAllowed: (method: string, allowed: readonly string[]) =>
    new RestError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`,
      true,
    ),
  invalidSession: () => new RestError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
  limitExceeded: () => new RestError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
  apiDisabled: () => new RestError(403, 'API_CURRENTLY_DISABLED', 'API is disabled for this User'),
  unavailable: () => new RestError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable', true),
  throttled: () => new RestError(429, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.', true),
  malformedQuery: (message: string) => new RestError(400, 'MALFORMED_QUERY', message),
  invalidField: (message: string) => new RestError(400, 'INVALID_FIELD', message),
  invalidType: (name: string) =>
    new RestError(
      400,
      'INVALID_TYPE',
      `sObject type '${name}' is not supported. ` +
        "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. " +
        'Please reference your WSDL or the describe call for the appropriate names.',
    ),
  invalidQueryLocator: () => new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator'),
  badRequest: (errorCode: string, message: string) => new RestError(400, errorCode, message),
};
