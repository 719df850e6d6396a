import { restErrors } from '../rest/rest-error.ts';
import type { QueryTable } from './query-table.ts';
import type { Condition, Literal, SoqlQuery } from './soql-parser.ts';

/** Rows a query selected, in order; `rows` null means all rows of the table in natural order. */
export interface QueryPlan {
  table: QueryTable;
  tooling: boolean;
  fields: string[];
  rows: Int32Array | null;
  total: number;
}

/** Salesforce's page size for query results. */
export const PAGE_SIZE = 2000;

function check(table: QueryTable, name: string): string {
  const column = table.column(name);
  if (!column) {
    throw restErrors.invalidField(
      `No such column '${name}' on entity '${table.name}'. ` +
        "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. " +
        'Please reference your WSDL or the describe call for the appropriate names.',
    );
  }
  return column;
}

function compare(a: unknown, b: Literal): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).toLowerCase() < String(b).toLowerCase()
    ? -1
    : String(a).toLowerCase() > String(b).toLowerCase()
      ? 1
      : 0;
}

const ID_LIKE = /^(?=.*\d)[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

/**
 * What a value is equal by. Salesforce ids in id columns (Id, OwnerId, TableEnumOrId...) are case-sensitive, and a
 * 15-character id equals its 18-character form; other text ignores case, and numbers and booleans equal their text.
 */
function equalityKey(value: unknown, idColumn: boolean): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return idColumn && ID_LIKE.test(text) ? `id:${text.slice(0, 15)}` : `text:${text.toLowerCase()}`;
}

const isIdColumn = (column: string) => /Id$/.test(column);

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Compiles a condition into a row predicate, validating every field it names. */
function predicate(table: QueryTable, c: Condition): (row: number) => boolean {
  switch (c.kind) {
    case 'and': {
      const ps = c.items.map((i) => predicate(table, i));
      return (r) => ps.every((p) => p(r));
    }
    case 'or': {
      const ps = c.items.map((i) => predicate(table, i));
      return (r) => ps.some((p) => p(r));
    }
    case 'not': {
      const p = predicate(table, c.item);
      return (r) => !p(r);
    }
    case 'in': {
      const column = check(table, c.field);
      const ids = isIdColumn(column);
      const keys = new Set(c.values.map((v) => equalityKey(v, ids)));
      return (r) => keys.has(equalityKey(table.value(r, column), ids)) !== c.negated;
    }
    case 'compare': {
      const column = check(table, c.field);
      if (c.op === 'LIKE') {
        const re = likeToRegExp(String(c.value));
        return (r) => re.test(String(table.value(r, column) ?? ''));
      }
      const test: Record<string, (n: number) => boolean> = {
        '=': (n) => n === 0,
        '!=': (n) => n !== 0,
        '<>': (n) => n !== 0,
        '<': (n) => n < 0,
        '>': (n) => n > 0,
        '<=': (n) => n <= 0,
        '>=': (n) => n >= 0,
      };
      const t = test[c.op]!;
      const ids = isIdColumn(column);
      const key = equalityKey(c.value, ids);
      const equality = c.op === '=' || c.op === '!=' || c.op === '<>';
      return (r) => {
        const v = table.value(r, column);
        if (c.value === null || v === null)
          return c.op === '=' ? v === c.value : c.op === '!=' || c.op === '<>' ? v !== c.value : false;
        if (equality) return (equalityKey(v, ids) === key) === (c.op === '=');
        return t(compare(v, c.value));
      };
    }
  }
}

/** Per materialized table and column: its rows by equality key, in row order. Built on first use. */
const equalityIndexes = new WeakMap<QueryTable, Map<string, Map<string | null, number[]>>>();

function equalityIndex(table: QueryTable, column: string): Map<string | null, number[]> {
  let byColumn = equalityIndexes.get(table);
  if (!byColumn) {
    byColumn = new Map();
    equalityIndexes.set(table, byColumn);
  }
  let index = byColumn.get(column);
  if (!index) {
    index = new Map();
    const ids = isIdColumn(column);
    for (let r = 0; r < table.size; r++) {
      const key = equalityKey(table.value(r, column), ids);
      const rows = index.get(key);
      if (rows) rows.push(r);
      else index.set(key, [r]);
    }
    byColumn.set(column, index);
  }
  return index;
}

/**
 * The rows that can match `c`, in row order, from an equality index: for `=` or IN on a column of a
 * materialized table, or such a condition among the items of an AND. Undefined when every row must be tried.
 * The condition's predicate still decides each row: this only leaves out rows it cannot keep.
 */
function candidateRows(table: QueryTable, c: Condition): number[] | undefined {
  if (!table.materialized) return undefined;
  if (c.kind === 'and') {
    for (const item of c.items) {
      const rows = candidateRows(table, item);
      if (rows) return rows;
    }
    return undefined;
  }
  let field: string;
  let values: Literal[];
  if (c.kind === 'in' && !c.negated) ({ field, values } = c);
  else if (c.kind === 'compare' && c.op === '=') [field, values] = [c.field, [c.value]];
  else return undefined;
  const column = table.column(field);
  if (!column) return undefined;
  const index = equalityIndex(table, column);
  const keys = new Set(values.map((v) => equalityKey(v, isIdColumn(column))));
  const rows = [...keys].flatMap((key) => index.get(key) ?? []);
  return keys.size > 1 ? rows.sort((a, b) => a - b) : rows;
}

/** Validates, filters, sorts and limits; Tooling ignores LIMIT and OFFSET as Salesforce does. */
export function planQuery(query: SoqlQuery, table: QueryTable, tooling: boolean): QueryPlan {
  const fields = query.fields.map((f) => check(table, f));
  const order = query.orderBy.map((o) => ({ ...o, column: check(table, o.field) }));
  const keep = query.where ? predicate(table, query.where) : null;
  let rows: Int32Array | null = null;
  if (keep || order.length > 0) {
    const selected: number[] = [];
    const candidates = query.where ? candidateRows(table, query.where) : undefined;
    if (candidates) {
      for (const r of candidates) if (!keep || keep(r)) selected.push(r);
    } else {
      for (let r = 0; r < table.size; r++) if (!keep || keep(r)) selected.push(r);
    }
    if (order.length > 0) {
      selected.sort((a, b) => {
        for (const o of order) {
          const va = table.value(a, o.column);
          const vb = table.value(b, o.column);
          if (va === vb) continue;
          if (va === null || vb === null) return (va === null) === o.nullsLast ? 1 : -1;
          const n = compare(va, vb as Literal);
          if (n !== 0) return o.descending ? -n : n;
        }
        return a - b;
      });
    }
    rows = Int32Array.from(selected);
  }
  const available = rows ? rows.length : table.size;
  const offset = tooling ? 0 : Math.min(query.offset ?? 0, available);
  const end = tooling || query.limit === null ? available : Math.min(available, offset + query.limit);
  if (offset > 0 || end < available)
    rows = rows ? rows.subarray(offset, end) : Int32Array.from({ length: end - offset }, (_, i) => i + offset);
  return { table, tooling, fields, rows, total: end - offset };
}

/** The record at position `i` of the plan, shaped like Salesforce's (attributes first, dotted fields nested). */
export function recordAt(plan: QueryPlan, i: number, version: string): Record<string, unknown> {
  const row = plan.rows ? plan.rows[i]! : i;
  const { table } = plan;
  const base = `/services/data/v${version}/${plan.tooling ? 'tooling/' : ''}sobjects`;
  const record: Record<string, unknown> = {
    attributes: { type: table.name, url: `${base}/${table.name}/${table.urlId(row)}` },
  };
  for (const field of plan.fields) {
    const value = table.value(row, field);
    const dot = field.indexOf('.');
    if (dot === -1) {
      record[field] = value;
      continue;
    }
    const parent = field.slice(0, dot);
    record[parent] ??= { attributes: { type: parent, url: `${base}/${parent}/${value}` } };
    (record[parent] as Record<string, unknown>)[field.slice(dot + 1)] = value;
  }
  return record;
}
