import { RestError, restErrors } from '../rest/rest-error.ts';
import type { Faults } from './faults.ts';

/** Permissions Faults.revokedPermissions can take from the API user. */
export const PERMISSIONS = [
  'viewSetup',
  'toolingApi',
  'reports',
  'dashboards',
  'privateReports',
  'users',
  'dependencyApi',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The Tooling tables "View Setup and Configuration" opens, lower-case. */
const SETUP_TABLES: ReadonlySet<string> = new Set([
  'entitydefinition',
  'fielddefinition',
  'customobject',
  'customfield',
  'apexclass',
  'apextrigger',
  'metadatacomponentdependency',
]);
/** The data tables a permission of their own opens, lower-case. */
const DATA_TABLES: Readonly<Record<string, Permission>> = { report: 'reports', dashboard: 'dashboards', user: 'users' };

const revoked = (faults: Faults, permission: Permission) => faults.revokedPermissions?.includes(permission) ?? false;

/** Salesforce's answer to a user without access to a record or an analytics resource. */
export const insufficientAccess = () =>
  new RestError(403, 'INSUFFICIENT_ACCESS', "You don't have sufficient privileges to perform this operation.");

/**
 * Refuses a REST path the user may not reach at all: every /tooling resource without the Tooling API
 * (403 API_DISABLED_FOR_ORG).
 */
export function checkPathPermission(faults: Faults, path: string): void {
  if ((path === '/tooling' || path.startsWith('/tooling/')) && revoked(faults, 'toolingApi')) {
    throw new RestError(403, 'API_DISABLED_FOR_ORG', 'The Tooling API is not enabled for this org');
  }
}

/**
 * Refuses a FROM the user may not query, as Salesforce does: the object is not there for them (400 INVALID_TYPE,
 * the name as the query spells it).
 */
export function checkTablePermission(faults: Faults, name: string, tooling: boolean): void {
  const lower = name.toLowerCase();
  // Without the Dependency API (a Beta some orgs lack), Salesforce does not know the object at all.
  if (tooling && lower === 'metadatacomponentdependency' && revoked(faults, 'dependencyApi')) {
    throw new RestError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
  }
  const permission = tooling ? (SETUP_TABLES.has(lower) ? 'viewSetup' : undefined) : DATA_TABLES[lower];
  if (permission !== undefined && revoked(faults, permission)) throw restErrors.invalidType(name);
}

/** Refuses an analytics describe without the permission of its kind ('reports' or 'dashboards'): 403. */
export function checkAnalyticsPermission(faults: Faults, permission: 'reports' | 'dashboards'): void {
  if (revoked(faults, permission)) throw insufficientAccess();
}

/** Refuses the describe of a private report without 'privateReports': 403. */
export function checkPrivateReport(faults: Faults, isPrivate: boolean): void {
  if (isPrivate && revoked(faults, 'privateReports')) throw insufficientAccess();
}
