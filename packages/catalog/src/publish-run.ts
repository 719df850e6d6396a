import type pg from 'pg';
import { refreshLineage } from './lineage-refresh.ts';

/** The run being published or discarded: its connection and place in the order of runs. */
export interface RunScope {
  connectionId: string;
  seq: number;
  /** The objects of its catalog: listed by describeGlobal and not vanished since. */
  catalogObjects: readonly string[];
}

// $1 connection, $2 the run's seq. Versions the run wrote have from_seq = $2 and are invisible to
// every reader until the run succeeds; the statements below end what the run saw end.

// An item the run stored a new version of: its previous version ends here.
const CLOSE_SUPERSEDED = `
  UPDATE catalog_versions o SET to_seq = $2
    FROM catalog_versions n
   WHERE n.connection_id = $1 AND n.from_seq = $2
     AND o.connection_id = $1 AND o.kind = n.kind AND o.parent = n.parent AND o.name = n.name
     AND o.to_seq IS NULL AND o.from_seq < $2`;

// The run's own versions of objects that vanished after it stored them are not part of its catalog.
const DROP_OWN_OUTSIDE = `
  DELETE FROM catalog_versions
   WHERE connection_id = $1 AND from_seq = $2
     AND ((kind = 'object' AND name NOT IN (SELECT unnest($3::text[])))
       OR (kind = 'field' AND parent NOT IN (SELECT unnest($3::text[]))))`;

// Objects no longer in the org.
const CLOSE_REMOVED_OBJECTS = `
  UPDATE catalog_versions SET to_seq = $2
   WHERE connection_id = $1 AND kind = 'object' AND parent = '' AND to_seq IS NULL AND from_seq < $2
     AND name NOT IN (SELECT unnest($3::text[]))`;

// Objects that changed or went away in this run: only their fields can have been removed.
const CHANGED_OBJECTS = `
  SELECT name FROM catalog_versions WHERE connection_id = $1 AND kind = 'object' AND parent = '' AND from_seq = $2
  UNION SELECT name FROM catalog_versions WHERE connection_id = $1 AND kind = 'object' AND parent = '' AND to_seq = $2`;

// Fields of those objects ($3) that their object's current version no longer lists. The objects come
// as a list, not a subquery, so the plan starts from them whatever the table's statistics say.
const CLOSE_REMOVED_FIELDS = `
  UPDATE catalog_versions f SET to_seq = $2
   WHERE f.connection_id = $1 AND f.kind = 'field' AND f.parent = ANY ($3) AND f.to_seq IS NULL AND f.from_seq < $2
     AND NOT EXISTS (SELECT 1 FROM catalog_versions o
                      WHERE o.connection_id = $1 AND o.kind = 'object' AND o.parent = '' AND o.name = f.parent
                        AND o.to_seq IS NULL AND f.name = ANY (o.children))`;

const COUNT_CURRENT = `
  SELECT kind, count(*)::int AS count FROM catalog_versions WHERE connection_id = $1 AND to_seq IS NULL GROUP BY kind`;

/** The size of a published catalog: objects, fields, and each other kind of item. */
export interface CatalogSize {
  objects: number;
  fields: number;
  /** Per other kind (report, dashboard, apex_class, apex_trigger, user): how many. */
  items: Record<string, number>;
}

/**
 * Makes a run's catalog the current one, inside the caller's transaction: the versions it replaced
 * or no longer saw end at its seq, and its lineage is derived from it. Returns the size of the catalog it
 * published.
 */
export async function publishRun(client: pg.ClientBase, run: RunScope): Promise<CatalogSize> {
  const scope = [run.connectionId, run.seq];
  await client.query(DROP_OWN_OUTSIDE, [...scope, run.catalogObjects]);
  await client.query(CLOSE_SUPERSEDED, scope);
  await client.query(CLOSE_REMOVED_OBJECTS, [...scope, run.catalogObjects]);
  const changed = (await client.query<{ name: string }>(CHANGED_OBJECTS, scope)).rows.map((row) => row.name);
  if (changed.length > 0) await client.query(CLOSE_REMOVED_FIELDS, [...scope, changed]);
  await refreshLineage(client, run);
  const { rows } = await client.query<{ kind: string; count: number }>(COUNT_CURRENT, [run.connectionId]);
  const size: CatalogSize = { objects: 0, fields: 0, items: {} };
  for (const { kind, count } of rows) {
    if (kind === 'object') size.objects = count;
    else if (kind === 'field') size.fields = count;
    else size.items[kind] = count;
  }
  return size;
}

/**
 * Removes what a failed run wrote, inside the caller's transaction: it never becomes anyone's catalog.
 * Items its jobs ended early (gone from the org, ItemStore.endMissing) are current again.
 */
export async function discardRun(client: pg.ClientBase, run: Pick<RunScope, 'connectionId' | 'seq'>): Promise<void> {
  const scope = [run.connectionId, run.seq];
  await client.query('DELETE FROM catalog_versions WHERE connection_id = $1 AND from_seq = $2', scope);
  await client.query('UPDATE catalog_versions SET to_seq = NULL WHERE connection_id = $1 AND to_seq = $2', scope);
}
