import type { UserRef } from '@sfmeta/catalog/catalog-types';

// URNs exactly as DataHub's own Salesforce source (metadata-ingestion/src/datahub/ingestion/source/salesforce.py)
// and its mce_builder build them, so that an org ingested both ways lands on the same entities.

/** DataHub's platform name for Salesforce. */
export const DATAHUB_PLATFORM = 'salesforce';
export const DATAHUB_PLATFORM_URN = `urn:li:dataPlatform:${DATAHUB_PLATFORM}`;
/** DataHub's actor for an unknown user. */
export const UNKNOWN_USER_URN = 'urn:li:corpuser:unknown';

/** Environment and platform instance: the two parts of a URN that come from the recipe, not from Salesforce. */
export interface UrnScope {
  env: string;
  platformInstance: string | null;
}

/** The platform instance folded into a name, as DataHub does (`<instance>.<name>`). */
const qualified = (name: string, { platformInstance }: UrnScope) =>
  platformInstance ? `${platformInstance}.${name}` : name;

/** DataHub validates the env against its fabric types and upper-cases it. */
const fabric = (env: string) => env.toUpperCase();

/** make_dataset_urn_with_platform_instance('salesforce', <object API name>, platform_instance, env). */
export function datasetUrn(objectName: string, scope: UrnScope): string {
  return `urn:li:dataset:(${DATAHUB_PLATFORM_URN},${qualified(objectName, scope)},${fabric(scope.env)})`;
}

/** The characters DataHub's UrnEncoder escapes in a schema field path. */
const RESERVED = /[,()]/g;

/** make_schema_field_urn(dataset URN, field path); a Salesforce field's path is its API name. */
export function schemaFieldUrn(parentUrn: string, fieldPath: string): string {
  const encoded = fieldPath.replace(RESERVED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `urn:li:schemaField:(${parentUrn},${encoded})`;
}

/** make_chart_urn('salesforce', <report id>, platform_instance). */
export function chartUrn(reportId: string, scope: UrnScope): string {
  return `urn:li:chart:(${DATAHUB_PLATFORM},${qualified(reportId, scope)})`;
}

/** make_dashboard_urn('salesforce', <dashboard id>, platform_instance). */
export function dashboardUrn(dashboardId: string, scope: UrnScope): string {
  return `urn:li:dashboard:(${DATAHUB_PLATFORM},${qualified(dashboardId, scope)})`;
}

/** make_data_flow_urn('salesforce', flow id, cluster = env, platform_instance). */
export function dataFlowUrn(flowId: string, scope: UrnScope): string {
  return `urn:li:dataFlow:(${DATAHUB_PLATFORM},${qualified(flowId, scope)},${fabric(scope.env)})`;
}

/** make_data_job_urn_with_flow(flow URN, job id). */
export function dataJobUrn(flowUrn: string, jobId: string): string {
  return `urn:li:dataJob:(${flowUrn},${jobId})`;
}

/** make_dataplatform_instance_urn('salesforce', instance). */
export function dataPlatformInstanceUrn(instance: string): string {
  return `urn:li:dataPlatformInstance:(${DATAHUB_PLATFORM_URN},${instance})`;
}

/**
 * make_user_urn(<email, else id>). DataHub's source names users by Username, which the catalog does not keep;
 * the e-mail is usually the same string, and the id is the fallback the catalog always has.
 */
export function userUrn(user: UserRef): string {
  return `urn:li:corpuser:${user.email ?? user.id}`;
}
