import { Type } from 'typebox';
import { SalesforceDate, UserRef } from './catalog.ts';
import { Nullable } from './common.ts';

// Reports, dashboards and Apex as item-views.ts (in the catalog package) builds them. A value Salesforce
// did not send, or sent with an unexpected type, is null.

const Text = Nullable(Type.String());
const User = Nullable(UserRef);
const Link = Nullable(Type.String({ description: 'Where Salesforce shows it; null until the connection logged in' }));
const Described = Type.Boolean({ description: 'Whether its describe was read (in this or an earlier extraction)' });
const UndescribedReason = Nullable(
  Type.String({ description: 'Why it has no describe: the API budget ran out, Salesforce refused it…' }),
);

const changes = {
  createdDate: SalesforceDate,
  createdBy: User,
  lastModifiedDate: SalesforceDate,
  lastModifiedBy: User,
};

/** A report (SOQL Report) and what its describe said. */
export const ReportResponse = Type.Object(
  {
    id: Type.String(),
    name: Text,
    developerName: Text,
    folder: Text,
    format: Nullable(Type.String({ description: 'TABULAR, SUMMARY, MATRIX, MULTI_BLOCK' })),
    description: Text,
    namespace: Text,
    owner: Type.Union([UserRef, Type.Null()], { description: 'OwnerId: a user, or the folder that holds the report' }),
    ...changes,
    lastRunDate: SalesforceDate,
    url: Link,
    reportType: Nullable(Type.Object({ type: Text, label: Text })),
    columns: Nullable(Type.Array(Type.Object({ name: Text, label: Text, dataType: Text }))),
    sourceObjects: Nullable(Type.Array(Type.String(), { description: 'The objects its report type reads' })),
    described: Described,
    undescribedReason: UndescribedReason,
  },
  { title: 'Report' },
);

/** A dashboard (SOQL Dashboard) and the components its describe listed. */
export const DashboardResponse = Type.Object(
  {
    id: Type.String(),
    title: Text,
    developerName: Text,
    folder: Text,
    description: Text,
    type: Nullable(Type.String({ description: 'SpecifiedUser, LoggedInUser, MyTeamUser' })),
    runningUser: User,
    namespace: Text,
    ...changes,
    url: Link,
    components: Nullable(Type.Array(Type.Object({ id: Text, title: Text, type: Text, reportId: Text }))),
    reportIds: Nullable(Type.Array(Type.String(), { description: 'The reports behind its components' })),
    described: Described,
    undescribedReason: UndescribedReason,
  },
  { title: 'Dashboard' },
);

const apex = {
  id: Type.String(),
  name: Text,
  namespace: Text,
  apiVersion: Nullable(Type.Number()),
  status: Nullable(Type.String({ description: 'Active, Inactive, Deleted' })),
  valid: Nullable(Type.Boolean()),
  length: Nullable(Type.Integer({ description: 'Characters without comments' })),
  ...changes,
  url: Link,
  body: Type.Optional(
    Type.String({
      description:
        'The source: only when the connection extracts Apex source, and only when one is shown (not in lists)',
    }),
  ),
};

/** An Apex class (Tooling ApexClass). */
export const ApexClassResponse = Type.Object(apex, { title: 'ApexClass' });

/** An Apex trigger (Tooling ApexTrigger): the object it fires on and its events. */
export const ApexTriggerResponse = Type.Object(
  {
    ...apex,
    object: Nullable(
      Type.String({ description: "The object's name; a custom object's id when the catalog does not hold it" }),
    ),
    events: Type.Array(Type.String({ description: 'before insert, after update, after undelete…' })),
    active: Type.Boolean(),
    bulk: Nullable(Type.Boolean()),
  },
  { title: 'ApexTrigger' },
);
