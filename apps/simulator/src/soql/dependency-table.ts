import type { Org } from '../generate-org.ts';
import { componentDependencies } from '../org/component-dependencies.ts';
import { restErrors } from '../rest/rest-error.ts';
import { type QueryTable, rowsTable } from './query-table.ts';
import type { Condition, SoqlQuery } from './soql-parser.ts';

/** The Tooling object, lower-case as FROM clauses are matched. */
export const DEPENDENCY_TABLE = 'metadatacomponentdependency';

/** Salesforce answers at most this many rows, without a cursor for more. */
export const DEPENDENCY_ROW_LIMIT = 2000;

const COLUMNS = [
  'MetadataComponentId',
  'MetadataComponentName',
  'MetadataComponentNamespace',
  'MetadataComponentType',
  'RefMetadataComponentId',
  'RefMetadataComponentName',
  'RefMetadataComponentNamespace',
  'RefMetadataComponentType',
];
/** The columns a WHERE clause may name, lower-case: all but the two name columns. */
const FILTERABLE: ReadonlySet<string> = new Set(
  [
    'MetadataComponentId',
    'MetadataComponentNamespace',
    'MetadataComponentType',
    'RefMetadataComponentId',
    'RefMetadataComponentNamespace',
    'RefMetadataComponentType',
  ].map((c) => c.toLowerCase()),
);
const KNOWN: ReadonlyMap<string, string> = new Map(COLUMNS.map((c) => [c.toLowerCase(), c]));

/** MetadataComponentDependency: one row per use of an object, field or class by a component (Beta on Salesforce). */
export function dependencyTable(org: Org): QueryTable {
  // Rows have no Id of their own; Salesforce's record urls end in the empty id.
  const rows = componentDependencies(org).map((d) => ({ ...d.row, Id: '000000000000000AAA' }));
  return rowsTable('MetadataComponentDependency', COLUMNS, rows, 'Id');
}

function checkCondition(c: Condition): void {
  const unsupported = (what: string): never => {
    throw restErrors.malformedQuery(`MetadataComponentDependency does not support ${what} in a WHERE clause`);
  };
  switch (c.kind) {
    case 'and':
    case 'or':
      for (const item of c.items) checkCondition(item);
      return;
    case 'not':
      unsupported('NOT');
      return;
    case 'in':
      checkColumn(c.field);
      unsupported(c.negated ? 'NOT IN' : 'IN');
      return;
    case 'compare':
      checkColumn(c.field);
      if (!['=', '!=', '<>'].includes(c.op)) unsupported(`the operator ${c.op}`);
      if (c.field.toLowerCase() === 'refmetadatacomponenttype' && String(c.value).toLowerCase() === 'standardentity') {
        unsupported("a filter on RefMetadataComponentType = 'StandardEntity'");
      }
  }
}

/** A known column that is not an id or type column cannot be filtered; unknown ones are left to the engine. */
function checkColumn(field: string): void {
  const column = KNOWN.get(field.toLowerCase());
  if (column !== undefined && !FILTERABLE.has(field.toLowerCase())) {
    throw restErrors.invalidField(`field '${column}' can not be filtered in a query call`);
  }
}

/**
 * Salesforce's limits on MetadataComponentDependency: no COUNT(), GROUP BY, ORDER BY or OFFSET, and a WHERE clause
 * of =, !=, AND and OR, never on the name columns (INVALID_FIELD) nor RefMetadataComponentType = 'StandardEntity'
 * (MALFORMED_QUERY).
 */
export function dependencyRules(query: SoqlQuery): void {
  if (query.count) throw restErrors.malformedQuery('MetadataComponentDependency does not support COUNT()');
  if (query.groupBy.length > 0)
    throw restErrors.malformedQuery('MetadataComponentDependency does not support GROUP BY');
  if (query.orderBy.length > 0)
    throw restErrors.malformedQuery('MetadataComponentDependency does not support ORDER BY');
  if (query.offset !== null) throw restErrors.malformedQuery('MetadataComponentDependency does not support OFFSET');
  if (query.where) checkCondition(query.where);
}
