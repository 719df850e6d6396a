import type { SalesforceClient } from './salesforce-client.ts';
import type { SoqlQuery } from './soql-batch.ts';

/** Records in one page of query results. */
export const queryPageSize = 2000;

/**
 * The longest query URL the crawler sends. Salesforce refuses URLs past about 16 KB; staying well
 * under it leaves room for proxies, which often stop at 8 KB (as for record counts).
 */
export const maxQueryUrlLength = 8000;

/** A SOQL string literal: quotes, backslashes and line breaks escaped, as SOQL's escape sequences have it. */
export function soqlString(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\f\b]/g, (char) => {
    const named: Record<string, string> = { '\n': 'n', '\r': 'r', '\t': 't', '\f': 'f', '\b': 'b' };
    return `\\${named[char] ?? char}`;
  });
  return `'${escaped}'`;
}

/** `('a','b')`: an IN list of string literals. */
export function soqlInList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(',')})`;
}

/**
 * A SOQL datetime literal (unquoted, UTC, whole seconds): `2024-05-01T10:00:00Z`. Rounded down, so a
 * filter `> literal` keeps what changed within the same second rather than lose it.
 */
export function soqlDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** How inListQueries splits a list of values. */
export interface InListSplit {
  tooling: boolean;
  /** The query for one chunk, given its IN list with parentheses: `(inList) => \`... WHERE X IN ${inList}\``. */
  soql: (inList: string) => string;
  /** The longest request URL, path included. */
  maxUrlLength?: number;
  /** At most this many values in one query. */
  maxValues?: number;
  /** Rows each value is expected to match: a chunk then stays within one page, unless one value alone exceeds it. */
  rowsPerValue?: (value: string) => number;
}

/** A query over one chunk of values, with the values it names. */
export interface InListQuery extends SoqlQuery {
  values: string[];
}

/**
 * One query per chunk of `values` (duplicates dropped, order kept): each request URL stays within
 * `maxUrlLength`, each chunk within `maxValues` and, given a row estimate, within one page of rows.
 */
export function inListQueries(client: SalesforceClient, values: readonly string[], split: InListSplit): InListQuery[] {
  const maxUrlLength = split.maxUrlLength ?? maxQueryUrlLength;
  const maxValues = split.maxValues ?? Number.POSITIVE_INFINITY;
  const fixed =
    client.dataPath(`/${split.tooling ? 'tooling/' : ''}query?q=`).length + encodeURIComponent(split.soql('()')).length;
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let length = fixed;
  let rows = 0;
  for (const value of new Set(values)) {
    // Percent-encoding works character by character, so lengths add up: a value, and "%2C" before it.
    const encoded = encodeURIComponent(soqlString(value)).length;
    const added = encoded + (chunk.length > 0 ? 3 : 0);
    const valueRows = split.rowsPerValue?.(value) ?? 0;
    const full =
      chunk.length >= maxValues || length + added > maxUrlLength || (rows > 0 && rows + valueRows > queryPageSize);
    if (chunk.length > 0 && full) {
      chunks.push(chunk);
      chunk = [];
      length = fixed;
      rows = 0;
    }
    length += encoded + (chunk.length > 0 ? 3 : 0);
    rows += valueRows;
    chunk.push(value);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks.map((values) => ({ soql: split.soql(soqlInList(values)), tooling: split.tooling, values }));
}
