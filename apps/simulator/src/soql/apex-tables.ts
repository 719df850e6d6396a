import type { Org } from '../generate-org.ts';
import { auditColumns } from './data-rows.ts';
import { type QueryTable, rowsTable } from './query-table.ts';

const APEX_CLASS_COLUMNS = [
  'Id',
  'Name',
  'NamespacePrefix',
  'ApiVersion',
  'Status',
  'IsValid',
  'LengthWithoutComments',
  'Body',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
];

/** ApexClass: one row per Org.apexClasses item. */
export function apexClassTable(org: Org): QueryTable {
  const rows = org.apexClasses.map((c) => ({
    Id: c.id,
    Name: c.name,
    NamespacePrefix: c.namespacePrefix,
    ApiVersion: c.apiVersion,
    Status: c.status,
    IsValid: c.isValid,
    LengthWithoutComments: c.lengthWithoutComments,
    Body: c.body,
    ...auditColumns(c),
  }));
  return rowsTable('ApexClass', APEX_CLASS_COLUMNS, rows, 'Id');
}

// Each trigger event and the Usage column that says whether the trigger fires on it.
const USAGE_COLUMNS = {
  'before insert': 'UsageBeforeInsert',
  'after insert': 'UsageAfterInsert',
  'before update': 'UsageBeforeUpdate',
  'after update': 'UsageAfterUpdate',
  'before delete': 'UsageBeforeDelete',
  'after delete': 'UsageAfterDelete',
  'after undelete': 'UsageAfterUndelete',
} as const;

const APEX_TRIGGER_COLUMNS = [
  'Id',
  'Name',
  'NamespacePrefix',
  'TableEnumOrId',
  'ApiVersion',
  'Status',
  'IsValid',
  'LengthWithoutComments',
  ...Object.values(USAGE_COLUMNS),
  'UsageIsBulk',
  'Body',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
];

/** ApexTrigger: one row per Org.apexTriggers item; TableEnumOrId is the object's name or CustomObject id. */
export function apexTriggerTable(org: Org): QueryTable {
  const rows = org.apexTriggers.map((t) => ({
    Id: t.id,
    Name: t.name,
    NamespacePrefix: t.namespacePrefix,
    TableEnumOrId: t.tableEnumOrId,
    ApiVersion: t.apiVersion,
    Status: t.status,
    IsValid: t.isValid,
    LengthWithoutComments: t.lengthWithoutComments,
    ...Object.fromEntries(
      Object.entries(USAGE_COLUMNS).map(([event, column]) => [column, t.events.includes(event as never)]),
    ),
    // Every trigger since API 10 handles records in bulk.
    UsageIsBulk: true,
    Body: t.body,
    ...auditColumns(t),
  }));
  return rowsTable('ApexTrigger', APEX_TRIGGER_COLUMNS, rows, 'Id');
}
