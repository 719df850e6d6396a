/**
 * What a failure means for the caller:
 * - `auth`: credentials, client or user refused; retrying only locks the user out.
 * - `session`: the access token is no longer valid; log in or refresh, then go on.
 * - `limit`: the org's daily API budget is spent; retrying soon is pointless.
 * - `permission`: the user or org may not use the API or see this metadata.
 * - `not_found` / `invalid`: the request itself is wrong.
 * - `transient`: network trouble, 5xx, 429; worth retrying with backoff.
 */
export type FailureKind = 'auth' | 'session' | 'limit' | 'permission' | 'not_found' | 'invalid' | 'transient';

/** A Salesforce failure with its stable code (`errorCode` or OAuth `error`) and what it means. */
export class SalesforceError extends Error {
  override readonly name = 'SalesforceError';
  readonly code: string;
  readonly kind: FailureKind;
  readonly status: number | undefined;

  constructor(code: string, message: string, kind: FailureKind, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.kind = kind;
    this.status = options.status;
  }

  /** True when retrying the same request later may succeed. */
  get transient(): boolean {
    return this.kind === 'transient';
  }
}

const oauthAuthCodes = new Set([
  'invalid_grant',
  'invalid_client_id',
  'invalid_client',
  'unsupported_grant_type',
  'inactive_user',
  'inactive_org',
  'invalid_request',
  'unauthorized_client',
  'redirect_uri_mismatch',
]);

const permissionCodes = new Set([
  'API_DISABLED_FOR_ORG',
  'API_CURRENTLY_DISABLED',
  'INSUFFICIENT_ACCESS',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'FUNCTIONALITY_NOT_ENABLED',
]);

const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

function kindOf(code: string, message: string, status: number | undefined): FailureKind {
  if (code === 'INVALID_SESSION_ID') return 'session';
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    // 403 "TotalRequests Limit exceeded." is the daily budget; 429-style concurrency limits pass.
    return status === 403 || message.includes('TotalRequests') ? 'limit' : 'transient';
  }
  if (code === 'rate_limit_exceeded') return 'transient';
  if (oauthAuthCodes.has(code)) return 'auth';
  if (permissionCodes.has(code)) return 'permission';
  if (code === 'NOT_FOUND') return 'not_found';
  if (networkCodes.has(code) || code === 'SERVER_UNAVAILABLE' || code === 'UNABLE_TO_LOCK_ROW') return 'transient';
  const httpStatus = status ?? Number(/^ERROR_HTTP_(\d{3})$/.exec(code)?.[1]);
  if (httpStatus === 420 || httpStatus === 429 || httpStatus >= 500) return 'transient';
  if (httpStatus === 401) return 'session';
  if (httpStatus === 403) return 'permission';
  if (httpStatus === 404) return 'not_found';
  return 'invalid';
}

/**
 * Turns whatever jsforce or the network threw into a SalesforceError. jsforce names REST errors
 * after their `errorCode` and OAuth errors after their `error`; network errors carry `code`.
 */
export function toSalesforceError(error: unknown, status?: number): SalesforceError {
  if (error instanceof SalesforceError) return error;
  const source = error instanceof Error ? error : new Error(String(error));
  const withCode = source as Error & { code?: unknown; errorCode?: unknown; type?: unknown };
  const systemCode = typeof withCode.code === 'string' && withCode.code.length > 0 ? withCode.code : undefined;
  const errorCode = typeof withCode.errorCode === 'string' ? withCode.errorCode : undefined;
  const named = source.name !== 'Error' && source.name !== 'FetchError' ? source.name : undefined;
  const code = errorCode ?? systemCode ?? named ?? (withCode.type === 'request-timeout' ? 'ETIMEDOUT' : 'UNKNOWN');
  const networkFailure = source.name === 'FetchError' || (systemCode !== undefined && networkCodes.has(systemCode));
  const kind = networkFailure ? 'transient' : kindOf(code, source.message, status);
  return new SalesforceError(code, source.message || code, kind, { status, cause: error });
}
