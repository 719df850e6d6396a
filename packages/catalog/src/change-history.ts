import type pg from 'pg';
import type { JsonValue } from './catalog-types.ts';
import type { Json } from './json.ts';
import { isUuid } from './uuid.ts';

/** One attribute of an item that differs between two runs; a missing side is undefined. */
export interface AttributeChange {
  attribute: string;
  old?: JsonValue;
  new?: JsonValue;
}

/** How an item differs between two runs. Works for every kind of item the catalog stores. */
export interface ItemChange {
  kind: string;
  /** The item it belongs to (a field's object); '' for top-level items. */
  parent: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: each differing attribute, by name. */
  attributes: AttributeChange[];
}

/** Per kind of item, how many were added, removed and changed. */
export type ChangeCounts = Record<string, { added: number; removed: number; changed: number }>;

/** Where a page of changes starts: after this item. */
export interface ChangeCursor {
  kind: string;
  parent: string;
  name: string;
}

// $1 connection, $2 the earlier run's seq, $3 the later one's. Only items with a version that began
// or ended between the two runs are looked at; an item changed and changed back is no change. The lineage
// (edges and their warnings) is derived from the rest: its changes follow from the items' and are left out.
const PAIRS = `
  WITH touched AS (
    SELECT DISTINCT kind, parent, name FROM catalog_versions
     WHERE connection_id = $1 AND ((from_seq > $2 AND from_seq <= $3) OR (to_seq > $2 AND to_seq <= $3))
       AND kind NOT IN ('edge', 'lineage_warning')
  )
  SELECT t.kind, t.parent, t.name, a.content AS old, b.content AS new
    FROM touched t
    LEFT JOIN catalog_versions a ON a.connection_id = $1 AND a.kind = t.kind AND a.parent = t.parent
          AND a.name = t.name AND a.from_seq <= $2 AND (a.to_seq IS NULL OR a.to_seq > $2)
    LEFT JOIN catalog_versions b ON b.connection_id = $1 AND b.kind = t.kind AND b.parent = t.parent
          AND b.name = t.name AND b.from_seq <= $3 AND (b.to_seq IS NULL OR b.to_seq > $3)
   WHERE a.content IS DISTINCT FROM b.content`;

/**
 * What changed in a connection's catalog between runs, computed from the versions themselves:
 * nothing is stored per run, so every kind of item gets its history for free.
 */
export class ChangeHistory {
  constructor(private readonly pool: pg.Pool) {}

  /** A page of the items that differ between two runs (by seq), ordered by kind, parent and name. */
  async between(
    connectionId: string,
    fromSeq: number,
    toSeq: number,
    page: { after?: ChangeCursor; kind?: string; limit: number },
  ): Promise<ItemChange[]> {
    if (!isUuid(connectionId)) return [];
    const after = page.after ?? { kind: '', parent: '', name: '' };
    const { rows } = await this.pool.query<{ kind: string; parent: string; name: string; old: Json; new: Json }>(
      `SELECT * FROM (${PAIRS}) p
        WHERE (p.kind, p.parent, p.name) > ($4::text, $5::text COLLATE "C", $6::text COLLATE "C")
          AND ($7::text IS NULL OR p.kind = $7)
        ORDER BY p.kind, p.parent, p.name LIMIT $8`,
      [connectionId, fromSeq, toSeq, after.kind, after.parent, after.name, page.kind ?? null, page.limit],
    );
    return rows.map((row) => ({
      kind: row.kind,
      parent: row.parent,
      name: row.name,
      change: row.old === null ? 'added' : row.new === null ? 'removed' : 'changed',
      attributes: row.old !== null && row.new !== null ? attributeChanges(row.old, row.new) : [],
    }));
  }

  /** How many items of each kind were added, removed and changed between two runs. */
  async count(connectionId: string, fromSeq: number, toSeq: number): Promise<ChangeCounts> {
    if (!isUuid(connectionId)) return {};
    const { rows } = await this.pool.query<{ kind: string; added: number; removed: number; changed: number }>(
      `SELECT kind, count(*) FILTER (WHERE old IS NULL)::int AS added,
              count(*) FILTER (WHERE new IS NULL)::int AS removed,
              count(*) FILTER (WHERE old IS NOT NULL AND new IS NOT NULL)::int AS changed
         FROM (${PAIRS}) p GROUP BY kind`,
      [connectionId, fromSeq, toSeq],
    );
    return Object.fromEntries(rows.map(({ kind, ...counts }) => [kind, counts]));
  }

  /** Every version of one item and of its children (an object and its fields), oldest first. */
  async versionsOf(
    connectionId: string,
    kind: string,
    name: string,
  ): Promise<{ kind: string; name: string; content: Json; fromSeq: number; toSeq: number | null }[]> {
    if (!isUuid(connectionId)) return [];
    const { rows } = await this.pool.query<{
      kind: string;
      name: string;
      content: Json;
      from_seq: string;
      to_seq: string | null;
    }>(
      `SELECT kind, name, content, from_seq, to_seq FROM catalog_versions
        WHERE connection_id = $1 AND ((kind = $2 AND parent = '' AND name = $3) OR (kind = 'field' AND parent = $3))
        ORDER BY from_seq, kind, name`,
      [connectionId, kind, name],
    );
    return rows.map((row) => ({
      kind: row.kind,
      name: row.name,
      content: row.content,
      fromSeq: Number(row.from_seq),
      toSeq: row.to_seq === null ? null : Number(row.to_seq),
    }));
  }
}

/** The attributes whose values differ, in name order (jsonb gives both sides in one canonical form). */
export function attributeChanges(before: Json, after: Json): AttributeChange[] {
  return diff(flattenAdded(before), flattenAdded(after));
}

function diff(before: Json, after: Json): AttributeChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: AttributeChange[] = [];
  for (const attribute of names) {
    const old = before[attribute] as JsonValue | undefined;
    const now = after[attribute] as JsonValue | undefined;
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changes.push({ attribute, ...(old === undefined ? {} : { old }), ...(now === undefined ? {} : { new: now }) });
  }
  return changes;
}

/**
 * What sfmeta adds next to Salesforce's attributes (`$tooling`, `$describe`: keys starting with `$`) is
 * compared key by key, as `$tooling.description`, so that a changed description is one change, not a
 * change of the whole group.
 */
function flattenAdded(content: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(content)) {
    if (key.startsWith('$') && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) out[`${key}.${inner}`] = innerValue;
    } else {
      out[key] = value;
    }
  }
  return out;
}
