import type pg from 'pg';
import type { CatalogView } from './catalog-store.ts';
import { withTransaction } from './database.ts';
import type { Json } from './json.ts';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

/**
 * Kinds of catalog items beyond objects and fields. Each is stored like them, one version per distinct
 * content, named by its Salesforce id (a dependency: `componentId>referencedId`), with no parent.
 */
export const ITEM_KINDS = ['report', 'dashboard', 'apex_class', 'apex_trigger', 'user', 'dependency'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** One item as a run read it: the record as Salesforce sent it (without `attributes`), plus what sfmeta added. */
export interface CatalogItem {
  /** The Salesforce id. */
  name: string;
  content: Json;
}

/** A page of items: sorted by id, after `after`, matching `query` (a case-insensitive substring) if given. */
export interface ItemPage {
  after?: string;
  limit: number;
  query?: string;
}

/** Where a kind's text search looks: names, labels and descriptions. */
const SEARCHED: Record<ItemKind, readonly string[]> = {
  report: ['Name', 'DeveloperName', 'Description', 'FolderName'],
  dashboard: ['Title', 'DeveloperName', 'Description', 'FolderName'],
  apex_class: ['Name', 'NamespacePrefix'],
  apex_trigger: ['Name', 'NamespacePrefix', 'TableEnumOrId'],
  user: ['Name', 'Email', 'Username'],
  dependency: ['MetadataComponentName', 'RefMetadataComponentName'],
};

const LOCK_RUNNING = `
  SELECT connection_id, seq FROM extraction_runs WHERE id = $1
     AND status IN ('running', 'waiting_for_api_budget') FOR KEY SHARE`;

// Like the describe batches' insert (catalog-store.ts): a version only where the content differs.
const INSERT_CHANGED = `
  INSERT INTO catalog_versions (connection_id, kind, parent, name, hash, content, from_seq)
  SELECT $1, $3, '', i.name, i.hash, i.content, $2
    FROM (SELECT r.*, catalog_item_hash(r.content, NULL::text[]) AS hash
            FROM jsonb_to_recordset($4::jsonb) AS r(name text, content jsonb)) i
    LEFT JOIN LATERAL (SELECT 1 AS found FROM catalog_versions c
                        WHERE c.connection_id = $1 AND c.kind = $3 AND c.parent = '' AND c.name = i.name
                          AND c.to_seq IS NULL AND c.hash = i.hash LIMIT 1) same ON true
   WHERE same.found IS NULL
      ON CONFLICT (connection_id, kind, parent, name, from_seq)
      DO UPDATE SET hash = excluded.hash, content = excluded.content`;

// Versions written, counted with the run's other progress (one row per job).
const RECORD_WRITTEN = `
  INSERT INTO run_progress AS p (run_id, job_key, objects, fields, unchanged, written) VALUES ($1, $2, '{}', 0, 0, $3)
  ON CONFLICT (run_id, job_key) DO UPDATE SET written = p.written + excluded.written`;

// Ending a version early is invisible to readers (they read at a seq below the run's) until the run is
// published; discarding the run reopens it.
const END_MISSING = `
  UPDATE catalog_versions SET to_seq = $2
   WHERE connection_id = $1 AND kind = $3 AND parent = '' AND to_seq IS NULL AND from_seq < $2
     AND NOT (name = ANY ($4::text[]))`;

const validIn = (alias: string) =>
  `${alias}.connection_id = $1 AND ${alias}.from_seq <= $2 AND (${alias}.to_seq IS NULL OR ${alias}.to_seq > $2)`;

// User ids that the run's new versions name and the catalog has no user for.
const REFERENCED_USERS = `
  SELECT DISTINCT u.id FROM catalog_versions v
   CROSS JOIN LATERAL (VALUES (v.content->'$tooling'->>'createdById'), (v.content->'$tooling'->>'lastModifiedById'),
                              (v.content->>'OwnerId'), (v.content->>'CreatedById'), (v.content->>'LastModifiedById'),
                              (v.content->>'RunningUserId')) AS u(id)
   WHERE v.connection_id = $1 AND v.from_seq = $2 AND v.kind <> 'user' AND u.id LIKE '005%'
     AND NOT EXISTS (SELECT 1 FROM catalog_versions k WHERE k.connection_id = $1 AND k.kind = 'user'
                        AND k.parent = '' AND k.name = u.id AND k.to_seq IS NULL)`;

/** Reports, dashboards, Apex and users in the versioned catalog, written by a run's jobs and read by the API. */
export class ItemStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Stores a running run's items of one kind: a new version for each whose content changed. Idempotent:
   * a retried job stores the same items again. Returns the versions written.
   */
  async save(runId: string, jobKey: string, kind: ItemKind, items: readonly CatalogItem[]): Promise<number> {
    return this.whileRunning(runId, async (client, scope) => {
      if (items.length === 0) return 0;
      const inserted = await client.query(INSERT_CHANGED, [...scope, kind, JSON.stringify(items)]);
      const written = inserted.rowCount ?? 0;
      await client.query(RECORD_WRITTEN, [runId, jobKey, written]);
      return written;
    });
  }

  /** Ends, in a running run, the current items of `kind` whose id is not in `present`: gone from the org. */
  async endMissing(runId: string, kind: ItemKind, present: readonly string[]): Promise<number> {
    return this.whileRunning(runId, async (client, scope) => {
      const ended = await client.query(END_MISSING, [...scope, kind, present]);
      return ended.rowCount ?? 0;
    });
  }

  /**
   * The contents of the published items of `kind` before run `seq`, by id (all of them, or those of `ids`):
   * what a run compares its answers with.
   */
  async current(
    connectionId: string,
    seq: number,
    kind: ItemKind,
    ids?: readonly string[],
  ): Promise<Map<string, Json>> {
    if (!isUuid(connectionId)) return new Map();
    const { rows } = await this.pool.query<{ name: string; content: Json }>(
      `SELECT name, content FROM catalog_versions
        WHERE connection_id = $1 AND kind = $3 AND parent = '' AND to_seq IS NULL AND from_seq < $2
          AND ($4::text[] IS NULL OR name = ANY ($4::text[]))`,
      [connectionId, seq, kind, ids ?? null],
    );
    return new Map(rows.map((row) => [row.name, row.content]));
  }

  /** User ids that run `runId`'s new versions name and the catalog does not know yet. */
  async referencedUsers(runId: string): Promise<string[]> {
    if (!isUuid(runId)) return [];
    const { rows: runs } = await this.pool.query<{ connection_id: string; seq: string }>(
      'SELECT connection_id, seq FROM extraction_runs WHERE id = $1',
      [runId],
    );
    const run = runs[0];
    if (!run) return [];
    const { rows } = await this.pool.query<{ id: string }>(REFERENCED_USERS, [run.connection_id, run.seq]);
    return rows.map((row) => row.id).sort();
  }

  /** A page of a catalog's items of `kind`, without Apex source (`Body`): a page of it could weigh megabytes. */
  async list(view: CatalogView, kind: ItemKind, page: ItemPage): Promise<CatalogItem[]> {
    const searched = SEARCHED[kind].map((key) => `v.content->>'${key}' ILIKE $6`).join(' OR ');
    const { rows } = await this.pool.query<CatalogItem>(
      `SELECT v.name, v.content - 'Body' AS content FROM catalog_versions v
        WHERE ${validIn('v')} AND v.kind = $3 AND v.parent = '' AND v.name > $4
          AND ($6::text IS NULL OR ${searched})
        ORDER BY v.name LIMIT $5`,
      [view.connectionId, view.seq, kind, page.after ?? '', page.limit, page.query ? likePattern(page.query) : null],
    );
    return rows;
  }

  /** One item of a catalog; undefined when it has none such. */
  async get(view: CatalogView, kind: ItemKind, id: string): Promise<CatalogItem | undefined> {
    const { rows } = await this.pool.query<CatalogItem>(
      `SELECT v.name, v.content FROM catalog_versions v
        WHERE ${validIn('v')} AND v.kind = $3 AND v.parent = '' AND v.name = $4`,
      [view.connectionId, view.seq, kind, id],
    );
    return rows[0];
  }

  /** The users of a catalog among `ids`, by id: who owns and changed its items. */
  async users(view: CatalogView, ids: Iterable<string>): Promise<Map<string, Json>> {
    const wanted = [...new Set(ids)].filter((id) => typeof id === 'string' && id !== '');
    if (wanted.length === 0) return new Map();
    const { rows } = await this.pool.query<CatalogItem>(
      `SELECT v.name, v.content FROM catalog_versions v
        WHERE ${validIn('v')} AND v.kind = 'user' AND v.parent = '' AND v.name = ANY ($3::text[])`,
      [view.connectionId, view.seq, wanted],
    );
    return new Map(rows.map((row) => [row.name, row.content]));
  }

  private async whileRunning<T>(
    runId: string,
    work: (client: pg.PoolClient, scope: [string, string]) => Promise<T>,
  ): Promise<T> {
    if (!isUuid(runId)) throw runNotRunning(runId);
    return withTransaction(this.pool, async (client) => {
      const run = (await client.query<{ connection_id: string; seq: string }>(LOCK_RUNNING, [runId])).rows[0];
      if (!run) throw runNotRunning(runId);
      return work(client, [run.connection_id, run.seq]);
    });
  }
}

/** `text` as an ILIKE pattern matching it anywhere, its own wildcards taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function runNotRunning(runId: string): StoreError {
  return new StoreError('RUN_NOT_FOUND', `extraction run ${runId} does not exist or is no longer running`);
}
