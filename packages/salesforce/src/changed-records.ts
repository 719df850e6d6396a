import type { SalesforceClient } from './salesforce-client.ts';
import { recordsOf, runQueries, type SoqlQuery, type SoqlRecord } from './soql-batch.ts';
import { soqlDateTime } from './soql-in-list.ts';

/** Report columns the crawler reads (data SOQL). */
export const reportFields = [
  'Id',
  'Name',
  'DeveloperName',
  'FolderName',
  'Format',
  'Description',
  'NamespacePrefix',
  'OwnerId',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'LastRunDate',
  'SystemModstamp',
] as const;

/** Dashboard columns the crawler reads (data SOQL). */
export const dashboardFields = [
  'Id',
  'Title',
  'DeveloperName',
  'FolderName',
  'Description',
  'Type',
  'RunningUserId',
  'NamespacePrefix',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
] as const;

/** ApexClass columns the crawler reads (Tooling), without the source: add `apexBodyField` to read it. */
export const apexClassFields = [
  'Id',
  'Name',
  'NamespacePrefix',
  'ApiVersion',
  'Status',
  'IsValid',
  'LengthWithoutComments',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
] as const;

/** ApexTrigger columns the crawler reads (Tooling), without the source: add `apexBodyField` to read it. */
export const apexTriggerFields = [
  'Id',
  'Name',
  'NamespacePrefix',
  'TableEnumOrId',
  'ApiVersion',
  'Status',
  'IsValid',
  'LengthWithoutComments',
  'UsageBeforeInsert',
  'UsageAfterInsert',
  'UsageBeforeUpdate',
  'UsageAfterUpdate',
  'UsageBeforeDelete',
  'UsageAfterDelete',
  'UsageAfterUndelete',
  'UsageIsBulk',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
] as const;

/** The Apex source column, read only when the connection opts in: it is most of the bytes. */
export const apexBodyField = 'Body';

/** Which records fetchChangedRecords reads. */
export interface ChangedRecordsQuery {
  /** Report, Dashboard (data SOQL), ApexClass, ApexTrigger (Tooling). */
  object: string;
  fields: readonly string[];
  tooling: boolean;
  /** Only records modified after this time; every record when absent. */
  since?: Date;
}

/** Records modified since the last crawl, and every id the object still has (to find removals). */
export interface ChangedRecords {
  changed: SoqlRecord[];
  /** Every record id, asked for only with `since`: ids stored earlier and missing here were deleted. */
  ids: string[] | undefined;
}

/**
 * The records of `object` modified since `since` (all of them without it), and with `since` the ids of
 * all its records, both queries in the same composite call. Throws the SalesforceError a query was
 * refused with; `isPartRefusal` tells a missing permission from a failure.
 */
export async function fetchChangedRecords(
  client: SalesforceClient,
  query: ChangedRecordsQuery,
): Promise<ChangedRecords> {
  const select = `SELECT ${query.fields.join(', ')} FROM ${query.object}`;
  const queries: SoqlQuery[] = [
    {
      soql: query.since ? `${select} WHERE LastModifiedDate > ${soqlDateTime(query.since)}` : select,
      tooling: query.tooling,
    },
  ];
  if (query.since) queries.push({ soql: `SELECT Id FROM ${query.object}`, tooling: query.tooling });
  const [changed, all] = await runQueries(client, queries);
  return {
    changed: recordsOf(changed!),
    ids: all ? recordsOf(all).map((record) => String(record.Id)) : undefined,
  };
}
