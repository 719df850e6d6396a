import { restErrors } from '../rest/rest-error.ts';
import type { OrgRuntime } from '../runtime/org-runtime.ts';
import type { Org } from '../generate-org.ts';
import { checkTablePermission } from '../runtime/permissions.ts';
import { apexClassTable, apexTriggerTable } from './apex-tables.ts';
import { customFieldTable, customObjectTable } from './custom-metadata-tables.ts';
import { dashboardRows, reportRows, userRows } from './data-rows.ts';
import { dependencyTable } from './dependency-table.ts';
import type { QueryTable } from './query-table.ts';
import { sobjectTable } from './sobject-table.ts';
import { entityDefinitionTable, fieldDefinitionTable } from './tooling-tables.ts';

const TOOLING_TABLES: Record<string, (org: Org) => QueryTable> = {
  entitydefinition: entityDefinitionTable,
  fielddefinition: fieldDefinitionTable,
  customobject: customObjectTable,
  customfield: customFieldTable,
  apexclass: apexClassTable,
  apextrigger: apexTriggerTable,
  metadatacomponentdependency: dependencyTable,
};

/** Data tables whose rows are the org's lists rather than synthetic records. */
const LISTED_ROWS: Record<string, (org: Org) => Record<string, unknown>[]> = {
  Report: reportRows,
  Dashboard: dashboardRows,
  User: userRows,
};

/**
 * The table a FROM clause names, built once per org (mutations replace the org, and with it the cache); unknown or
 * non-queryable names, and those the user's permissions hide, are INVALID_TYPE.
 */
export function resolveTable(runtime: OrgRuntime, name: string, tooling: boolean): QueryTable {
  checkTablePermission(runtime.faults.faults, name, tooling);
  const lower = name.toLowerCase();
  const key = `${tooling ? 'tooling' : 'data'}:${lower}`;
  const cached = runtime.tables.get(key);
  if (cached) return cached;
  let table: QueryTable | undefined;
  if (tooling) {
    table = TOOLING_TABLES[lower]?.(runtime.org);
  } else {
    const canonical = runtime.names.get(lower);
    const describe = canonical ? runtime.org.describes.get(canonical) : undefined;
    if (describe?.queryable) {
      const rows = LISTED_ROWS[describe.name]?.(runtime.org);
      const size = rows?.length ?? runtime.org.recordCounts.get(describe.name) ?? 0;
      table = sobjectTable(runtime.org, describe, size, rows);
    }
  }
  if (!table) throw restErrors.invalidType(name);
  runtime.tables.set(key, table);
  return table;
}
