import { SalesforceError } from './salesforce-error.ts';

/**
 * The error codes with which Salesforce refuses one kind of metadata to this user or org while the
 * rest stays readable:
 * - INVALID_TYPE: the sObject is hidden from the user (Tooling's EntityDefinition without "View Setup
 *   and Configuration", Report, Dashboard or User without access), "sObject type '...' is not supported".
 * - INSUFFICIENT_ACCESS, INSUFFICIENT_ACCESS_OR_READONLY: a resource or record the user may not see
 *   (a report in a private folder).
 * - API_DISABLED_FOR_ORG: an API of the org is off ("The Tooling API is not enabled for this org").
 * - FUNCTIONALITY_NOT_ENABLED: a feature the resource needs is not enabled in the org.
 *
 * API_CURRENTLY_DISABLED (the user lacks "API Enabled") is not one: it refuses every call, so the
 * whole extraction fails with it.
 */
export const partRefusalCodes: ReadonlySet<string> = new Set([
  'INVALID_TYPE',
  'INSUFFICIENT_ACCESS',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'API_DISABLED_FOR_ORG',
  'FUNCTIONALITY_NOT_ENABLED',
]);

/** A part of the metadata left out because Salesforce refused it, with Salesforce's code and message. */
export interface SkippedPart<Part extends string = string> {
  part: Part;
  code: string;
  message: string;
}

/** True when `error` means "this part is not readable with this user's permissions", not a failed extraction. */
export function isPartRefusal(error: unknown): error is SalesforceError {
  return error instanceof SalesforceError && partRefusalCodes.has(error.code);
}

/** The skipped entry for a part Salesforce refused with `error`. */
export function skippedPart<Part extends string>(part: Part, error: SalesforceError): SkippedPart<Part> {
  return { part, code: error.code, message: error.message };
}
