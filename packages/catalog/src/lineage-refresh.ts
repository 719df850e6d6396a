import type pg from 'pg';
import { buildLineage } from './lineage/build-lineage.ts';
import { edgeKey, type Lineage, type LineageWarning } from './lineage/lineage-types.ts';
import { readLineageInput } from './lineage-input.ts';

/** The catalog kinds that hold the lineage, derived from the rest. */
export const LINEAGE_KINDS = ['edge', 'lineage_warning'] as const;

/** One stored lineage entry: an edge by its upstream node, or a warning by the node that makes it. */
interface Entry {
  kind: (typeof LINEAGE_KINDS)[number];
  parent: string;
  name: string;
  content: unknown;
}

// $1 connection, $2 the run's seq. Did the run change anything lineage is built from, or is there no lineage
// yet (the first run, or one after an upgrade)?
const STALE = `
  SELECT EXISTS (SELECT 1 FROM catalog_versions WHERE connection_id = $1 AND from_seq = $2
                    AND kind NOT IN ('user', 'edge', 'lineage_warning'))
      OR EXISTS (SELECT 1 FROM catalog_versions WHERE connection_id = $1 AND to_seq = $2
                    AND kind NOT IN ('user', 'edge', 'lineage_warning'))
      OR NOT EXISTS (SELECT 1 FROM catalog_versions WHERE connection_id = $1 AND kind IN ('edge', 'lineage_warning')
                        AND to_seq IS NULL)
      OR (SELECT mode = 'full' FROM extraction_runs WHERE connection_id = $1 AND seq = $2) AS stale`;

const CURRENT = `
  SELECT kind, parent, name, content FROM catalog_versions
   WHERE connection_id = $1 AND kind IN ('edge', 'lineage_warning') AND to_seq IS NULL AND from_seq < $2`;

const INSERT = `
  INSERT INTO catalog_versions (connection_id, kind, parent, name, hash, content, from_seq)
  SELECT $1, r.kind, r.parent, r.name, catalog_item_hash(r.content, NULL::text[]), r.content, $2
    FROM jsonb_to_recordset($3::jsonb) AS r(kind text, parent text, name text, content jsonb)
      ON CONFLICT (connection_id, kind, parent, name, from_seq)
      DO UPDATE SET hash = excluded.hash, content = excluded.content`;

const END = `
  UPDATE catalog_versions v SET to_seq = $2
    FROM unnest($3::text[], $4::text[], $5::text[]) AS e(kind, parent, name)
   WHERE v.connection_id = $1 AND v.kind = e.kind AND v.parent = e.parent AND v.name = e.name
     AND v.to_seq IS NULL AND v.from_seq < $2`;

const insertChunk = 2000;

/** JSON with object keys sorted, so that equal contents compare equal whatever order their keys came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function entriesOf(lineage: Lineage): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const edge of lineage.edges) {
    const name = edgeKey(edge).slice(edge.kind.length + 1 + edge.source.length + 1);
    const entry: Entry = { kind: 'edge', parent: edge.source, name: `${edge.kind}|${name}`, content: edge };
    out.set(`edge\n${entry.parent}\n${entry.name}`, entry);
  }
  for (const warning of lineage.warnings) {
    // One entry per node and reference: the messages of a reference that fails twice (a report type that is
    // also a column) are kept together.
    const key = `lineage_warning\n${warning.node}\n${warning.reference}`;
    const earlier = out.get(key)?.content as LineageWarning | undefined;
    const content = earlier ? { ...earlier, message: `${earlier.message}; ${warning.message}` } : warning;
    out.set(key, { kind: 'lineage_warning', parent: warning.node, name: warning.reference, content });
  }
  return out;
}

/** What refreshing the lineage did: versions written and ended; null when the catalog had not changed. */
export interface LineageRefresh {
  written: number;
  ended: number;
}

/**
 * Derives the lineage of a run's catalog, inside the transaction that publishes it (after the versions it
 * replaced were ended, so the catalog at its seq is exactly its own): edges and warnings that differ from the
 * current ones get a version from the run's seq, those gone end there. A run that changed nothing that lineage
 * reads keeps the current lineage without reading it.
 */
export async function refreshLineage(
  client: pg.ClientBase,
  run: { connectionId: string; seq: number },
): Promise<LineageRefresh | null> {
  const scope = [run.connectionId, run.seq];
  const { rows: staleRows } = await client.query<{ stale: boolean }>(STALE, scope);
  if (!staleRows[0]?.stale) return null;
  const wanted = entriesOf(buildLineage(await readLineageInput(client, run.connectionId, run.seq)));
  const { rows: current } = await client.query<Entry>(CURRENT, scope);
  const ended: Entry[] = [];
  for (const entry of current) {
    const key = `${entry.kind}\n${entry.parent}\n${entry.name}`;
    const next = wanted.get(key);
    if (next && canonicalJson(next.content) === canonicalJson(entry.content)) wanted.delete(key);
    else ended.push(entry);
  }
  if (ended.length > 0) {
    await client.query(END, [...scope, ended.map((e) => e.kind), ended.map((e) => e.parent), ended.map((e) => e.name)]);
  }
  const written = [...wanted.values()];
  for (let i = 0; i < written.length; i += insertChunk) {
    await client.query(INSERT, [...scope, JSON.stringify(written.slice(i, i + insertChunk))]);
  }
  return { written: written.length, ended: ended.length };
}
