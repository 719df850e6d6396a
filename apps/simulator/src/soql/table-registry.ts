import { restErrors } from '../rest/rest-error.ts';
import type { OrgRuntime } from '../runtime/org-runtime.ts';
import { dashboardRows, reportRows } from './analytics-tables.ts';
import type { QueryTable } from './query-table.ts';
import { sobjectTable } from './sobject-table.ts';
import { apexClassTable, entityDefinitionTable, fieldDefinitionTable } from './tooling-tables.ts';

const TOOLING_TABLES: Record<string, (runtime: OrgRuntime) => QueryTable> = {
  entitydefinition: (rt) => entityDefinitionTable(rt.org),
  fielddefinition: (rt) => fieldDefinitionTable(rt.org),
  apexclass: (rt) => apexClassTable(rt.org),
};

/** The table a FROM clause names, built once per org; unknown or non-queryable names are INVALID_TYPE. */
export function resolveTable(runtime: OrgRuntime, name: string, tooling: boolean): QueryTable {
  const lower = name.toLowerCase();
  const key = `${tooling ? 'tooling' : 'data'}:${lower}`;
  const cached = runtime.tables.get(key);
  if (cached) return cached;
  let table: QueryTable | undefined;
  if (tooling) {
    table = TOOLING_TABLES[lower]?.(runtime);
  } else {
    const canonical = runtime.names.get(lower);
    const describe = canonical ? runtime.org.describes.get(canonical) : undefined;
    if (describe?.queryable) {
      const overrides =
        canonical === 'Report'
          ? reportRows(runtime.org)
          : canonical === 'Dashboard'
            ? dashboardRows(runtime.org)
            : undefined;
      table = sobjectTable(runtime.org, describe, runtime.org.recordCounts.get(describe.name) ?? 0, overrides);
    }
  }
  if (!table) throw restErrors.invalidType(name);
  runtime.tables.set(key, table);
  return table;
}
