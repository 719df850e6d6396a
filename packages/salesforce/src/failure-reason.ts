import { SalesforceError, type FailureKind } from './salesforce-error.ts';

/** A failure as users see it on a connection or a run: a stable code and a sentence. */
export interface FailureReason {
  code: string;
  message: string;
}

const codes: Record<FailureKind, string> = {
  auth: 'AUTHENTICATION_FAILED',
  session: 'SESSION_INVALID',
  limit: 'API_LIMIT_EXCEEDED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  invalid: 'SALESFORCE_ERROR',
  transient: 'SALESFORCE_UNAVAILABLE',
};

const explanations: Record<FailureKind, string> = {
  auth: 'Salesforce refused the credentials',
  session: 'Salesforce rejected the session',
  limit: "The org's daily API request budget is spent",
  permission: 'The user lacks a permission the extraction needs (API Enabled, View Setup and Configuration)',
  not_found: 'Salesforce did not find a resource the extraction needs',
  invalid: 'Salesforce rejected a request',
  transient: 'Salesforce could not be reached or kept failing',
};

/** Explains a failure with sfmeta's stable code and Salesforce's own code and message. */
export function failureReason(error: unknown): FailureReason {
  if (!(error instanceof SalesforceError)) {
    // Our own failures (database, Redis) stay in the logs: their text names hosts and internals.
    return { code: 'INTERNAL_ERROR', message: 'sfmeta failed internally; the worker logs have the details' };
  }
  const failure = error;
  return {
    code: codes[failure.kind],
    message: `${explanations[failure.kind]}: ${failure.code}: ${failure.message}`.slice(0, 1000),
  };
}
