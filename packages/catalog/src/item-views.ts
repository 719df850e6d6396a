import type { UserRef } from './catalog-types.ts';
import type { CatalogItem } from './item-store.ts';
import type { Json } from './json.ts';

// Reports, dashboards and Apex as clients see them (the API, exports): camelCase views built from the
// records Salesforce sent, which the catalog stores as sent. A value of an unexpected type reads as null.

/** What a view needs beyond the item: links into the org, and the users and objects the item names. */
export interface ViewContext {
  /** The org's instance URL, for links; null until the connection has logged in. */
  instanceUrl: string | null;
  /** The catalog's users by id (ItemStore.users). */
  users: ReadonlyMap<string, Json>;
  /** Custom objects' names by durable id ('01I…', first 15 characters), for triggers (CatalogStore.objectNames). */
  objectNames?: ReadonlyMap<string, string>;
}

/** A report with its owner, dates, link, and what its describe said (type, columns, source objects). */
export interface ReportView {
  id: string;
  name: string | null;
  developerName: string | null;
  folder: string | null;
  format: string | null;
  description: string | null;
  namespace: string | null;
  owner: UserRef | null;
  createdDate: string | null;
  createdBy: UserRef | null;
  lastModifiedDate: string | null;
  lastModifiedBy: UserRef | null;
  lastRunDate: string | null;
  url: string | null;
  reportType: { type: string | null; label: string | null } | null;
  columns: { name: string | null; label: string | null; dataType: string | null }[] | null;
  sourceObjects: string[] | null;
  described: boolean;
  undescribedReason: string | null;
}

/** A dashboard with its running user, dates, link, and the components and reports its describe listed. */
export interface DashboardView {
  id: string;
  title: string | null;
  developerName: string | null;
  folder: string | null;
  description: string | null;
  type: string | null;
  runningUser: UserRef | null;
  namespace: string | null;
  createdDate: string | null;
  createdBy: UserRef | null;
  lastModifiedDate: string | null;
  lastModifiedBy: UserRef | null;
  url: string | null;
  components: { id: string | null; title: string | null; type: string | null; reportId: string | null }[] | null;
  reportIds: string[] | null;
  described: boolean;
  undescribedReason: string | null;
}

/** An Apex class; `body` only when the connection extracts Apex source. */
export interface ApexClassView {
  id: string;
  name: string | null;
  namespace: string | null;
  apiVersion: number | null;
  status: string | null;
  valid: boolean | null;
  length: number | null;
  createdDate: string | null;
  createdBy: UserRef | null;
  lastModifiedDate: string | null;
  lastModifiedBy: UserRef | null;
  url: string | null;
  body?: string;
}

/** An Apex trigger: the object it fires on and its events; `body` only when the connection extracts source. */
export interface ApexTriggerView extends Omit<ApexClassView, 'body'> {
  object: string | null;
  events: string[];
  active: boolean;
  bulk: boolean | null;
  body?: string;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

const number = (value: unknown): number | null => {
  const read = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof read === 'number' && Number.isFinite(read) ? read : null;
};

const integer = (value: unknown): number | null => {
  const read = number(value);
  return read !== null && Number.isInteger(read) ? read : null;
};

const flag = (value: unknown): boolean | null =>
  typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;

const record = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

const records = (value: unknown): Json[] =>
  Array.isArray(value) ? value.map(record).filter((entry) => entry !== undefined) : [];

/** A user named by id as the catalog knows them; null when there is no id. */
export function userRef(id: unknown, users: ReadonlyMap<string, Json>): UserRef | null {
  if (typeof id !== 'string' || id === '') return null;
  const user = users.get(id);
  return { id, name: text(user?.Name), email: text(user?.Email) };
}

/** `path` on the org's instance; null without an instance URL. */
export function salesforceUrl(instanceUrl: string | null, path: string): string | null {
  return instanceUrl ? `${instanceUrl.replace(/\/+$/, '')}${path}` : null;
}

const USER_KEYS = ['OwnerId', 'CreatedById', 'LastModifiedById', 'RunningUserId'];

/** The user ids an item's or an object's content names: what to look up (ItemStore.users) before its view. */
export function userIdsOf(content: Json): string[] {
  const tooling = record(content.$tooling);
  const ids = [...USER_KEYS.map((key) => content[key]), tooling?.createdById, tooling?.lastModifiedById];
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

/** The durable ids ('01I…') of the custom objects that triggers fire on: what to resolve to names. */
export function triggerObjectIds(contents: readonly Json[]): string[] {
  return contents.map((content) => content.TableEnumOrId).filter(isDurableObjectId);
}

const isDurableObjectId = (value: unknown): value is string => typeof value === 'string' && value.startsWith('01I');

/** Who created and last changed a record, and when (the same columns on every Salesforce record). */
function changes(content: Json, users: ReadonlyMap<string, Json>) {
  return {
    createdDate: text(content.CreatedDate),
    createdBy: userRef(content.CreatedById, users),
    lastModifiedDate: text(content.LastModifiedDate),
    lastModifiedBy: userRef(content.LastModifiedById, users),
  };
}

/** What a describe call said, or why there is none. */
function describeOf(content: Json): { describe: Json | undefined; reason: string | null } {
  return { describe: record(content.$describe), reason: text(record(content.$undescribed)?.reason) };
}

/** A stored report (SOQL Report, plus `$describe` or `$undescribed`) as clients see it. */
export function reportView({ name: id, content }: CatalogItem, context: ViewContext): ReportView {
  const { describe, reason } = describeOf(content);
  const reportType = record(describe?.reportType);
  return {
    id,
    name: text(content.Name),
    developerName: text(content.DeveloperName),
    folder: text(content.FolderName),
    format: text(content.Format),
    description: text(content.Description),
    namespace: text(content.NamespacePrefix),
    owner: userRef(content.OwnerId, context.users),
    ...changes(content, context.users),
    lastRunDate: text(content.LastRunDate),
    url: salesforceUrl(context.instanceUrl, `/lightning/r/Report/${encodeURIComponent(id)}/view`),
    reportType: describe ? { type: text(reportType?.type), label: text(reportType?.label) } : null,
    columns: describe
      ? records(describe.columns).map((c) => ({ name: text(c.name), label: text(c.label), dataType: text(c.dataType) }))
      : null,
    sourceObjects: describe
      ? (Array.isArray(describe.sourceObjects) ? describe.sourceObjects : []).map(text).filter((o) => o !== null)
      : null,
    described: describe !== undefined,
    undescribedReason: describe ? null : reason,
  };
}

/** A stored dashboard (SOQL Dashboard, plus `$describe` or `$undescribed`) as clients see it. */
export function dashboardView({ name: id, content }: CatalogItem, context: ViewContext): DashboardView {
  const { describe, reason } = describeOf(content);
  const components = describe
    ? records(describe.components).map((c) => ({
        id: text(c.id),
        title: text(c.title),
        type: text(c.type),
        reportId: text(c.reportId),
      }))
    : null;
  return {
    id,
    title: text(content.Title),
    developerName: text(content.DeveloperName),
    folder: text(content.FolderName),
    description: text(content.Description),
    type: text(content.Type),
    runningUser: userRef(content.RunningUserId, context.users),
    namespace: text(content.NamespacePrefix),
    ...changes(content, context.users),
    url: salesforceUrl(context.instanceUrl, `/lightning/r/Dashboard/${encodeURIComponent(id)}/view`),
    components,
    reportIds: components && [...new Set(components.map((c) => c.reportId).filter((r) => r !== null))],
    described: describe !== undefined,
    undescribedReason: describe ? null : reason,
  };
}

/** What Apex classes and triggers share (Tooling ApexClass, ApexTrigger). */
function apexView(id: string, content: Json, context: ViewContext, page: string) {
  return {
    id,
    name: text(content.Name),
    namespace: text(content.NamespacePrefix),
    apiVersion: number(content.ApiVersion),
    status: text(content.Status),
    valid: flag(content.IsValid),
    length: integer(content.LengthWithoutComments),
    ...changes(content, context.users),
    url: salesforceUrl(context.instanceUrl, `/lightning/setup/${page}/page?address=%2F${encodeURIComponent(id)}`),
    ...(typeof content.Body === 'string' ? { body: content.Body } : {}),
  };
}

/** A stored Apex class as clients see it. */
export function apexClassView({ name: id, content }: CatalogItem, context: ViewContext): ApexClassView {
  return apexView(id, content, context, 'ApexClasses');
}

/** The trigger events in Salesforce's order, and the ApexTrigger flag that says each. */
const TRIGGER_EVENTS: readonly [string, string][] = [
  ['UsageBeforeInsert', 'before insert'],
  ['UsageAfterInsert', 'after insert'],
  ['UsageBeforeUpdate', 'before update'],
  ['UsageAfterUpdate', 'after update'],
  ['UsageBeforeDelete', 'before delete'],
  ['UsageAfterDelete', 'after delete'],
  ['UsageAfterUndelete', 'after undelete'],
];

/**
 * A stored Apex trigger as clients see it. Its object is TableEnumOrId: a standard object's name, or a custom
 * object's durable id, shown as the object's name when the catalog has the object.
 */
export function apexTriggerView({ name: id, content }: CatalogItem, context: ViewContext): ApexTriggerView {
  const table = text(content.TableEnumOrId);
  const object = isDurableObjectId(table) ? (context.objectNames?.get(table.slice(0, 15)) ?? table) : table;
  const { body, ...apex } = apexView(id, content, context, 'ApexTriggers');
  return {
    ...apex,
    object,
    events: TRIGGER_EVENTS.filter(([key]) => flag(content[key]) === true).map(([, event]) => event),
    active: content.Status === 'Active',
    bulk: flag(content.UsageIsBulk),
    ...(body === undefined ? {} : { body }),
  };
}
