/** Something SOQL can select from: a fixed number of rows whose values are computed on demand. */
export interface QueryTable {
  /** Canonical object name, used in `attributes.type`. */
  name: string;
  size: number;
  /** Canonical column name for a case-insensitive one; undefined when the column does not exist. */
  column(name: string): string | undefined;
  value(row: number, column: string): unknown;
  /** The last segment of the record's `attributes.url` (Id, or DurableId for Tooling entities). */
  urlId(row: number): string;
  /** True when its rows are held and never change (a table is rebuilt when the org is): they can be indexed. */
  materialized?: boolean;
}

/** Case-insensitive column lookup over a list of canonical names. */
export function columnIndex(columns: Iterable<string>): (name: string) => string | undefined {
  const byLower = new Map<string, string>();
  for (const c of columns) byLower.set(c.toLowerCase(), c);
  return (name) => byLower.get(name.toLowerCase());
}

/** A table over materialized rows (Tooling entities, Apex classes). */
export function rowsTable(
  name: string,
  columns: readonly string[],
  rows: Record<string, unknown>[],
  urlKey: string,
): QueryTable {
  return {
    name,
    size: rows.length,
    column: columnIndex(columns),
    value: (row, column) => rows[row]?.[column] ?? null,
    urlId: (row) => String(rows[row]?.[urlKey] ?? ''),
    materialized: true,
  };
}

/** Salesforce's datetime format in query results: 2024-05-01T10:00:00.000+0000. */
export function soqlDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}
