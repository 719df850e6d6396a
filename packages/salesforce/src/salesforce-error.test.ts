import { describe, expect, it } from 'vitest';
import { SalesforceError, toSalesforceError } from './salesforce-error.ts';

function named(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, extra);
}

describe('toSalesforceError', () => {
  it.each([
    [named('invalid_grant', 'authentication failure'), undefined, 'invalid_grant', 'auth'],
    [named('invalid_client_id', 'client identifier invalid'), undefined, 'invalid_client_id', 'auth'],
    [
      named('INVALID_SESSION_ID', 'Session expired or invalid', { errorCode: 'INVALID_SESSION_ID' }),
      401,
      'INVALID_SESSION_ID',
      'session',
    ],
    [
      named('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', { errorCode: 'REQUEST_LIMIT_EXCEEDED' }),
      403,
      'REQUEST_LIMIT_EXCEEDED',
      'limit',
    ],
    [
      named('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.', {
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
      }),
      429,
      'REQUEST_LIMIT_EXCEEDED',
      'transient',
    ],
    [named('SERVER_UNAVAILABLE', 'down', { errorCode: 'SERVER_UNAVAILABLE' }), 503, 'SERVER_UNAVAILABLE', 'transient'],
    [named('ERROR_HTTP_502', 'bad gateway', { errorCode: 'ERROR_HTTP_502' }), undefined, 'ERROR_HTTP_502', 'transient'],
    [
      named('API_DISABLED_FOR_ORG', 'no api', { errorCode: 'API_DISABLED_FOR_ORG' }),
      403,
      'API_DISABLED_FOR_ORG',
      'permission',
    ],
    [named('NOT_FOUND', 'gone', { errorCode: 'NOT_FOUND' }), 404, 'NOT_FOUND', 'not_found'],
    [
      named('FetchError', 'socket hang up', { code: 'ECONNRESET', type: 'system' }),
      undefined,
      'ECONNRESET',
      'transient',
    ],
    [named('MALFORMED_QUERY', 'bad soql', { errorCode: 'MALFORMED_QUERY' }), 400, 'MALFORMED_QUERY', 'invalid'],
  ])('classifies %s', (error, status, code, kind) => {
    const classified = toSalesforceError(error, status);
    expect(classified).toBeInstanceOf(SalesforceError);
    expect(classified.code).toBe(code);
    expect(classified.kind).toBe(kind);
    expect(classified.cause).toBe(error);
  });
});
