import type pg from 'pg';
import type { CatalogChangeSummary } from '@sfmeta/webhooks/webhook-events';
import { ChangeHistory } from './change-history.ts';
import type { CatalogField, CatalogObject, CatalogObjectSummary, SetupAttributes } from './catalog-types.ts';
import { withTransaction } from './database.ts';
import {
  FIELD_ATTRIBUTES,
  OBJECT_ATTRIBUTES,
  SUMMARY_ATTRIBUTES,
  checkDescribes,
  readAttributes,
  readTypedAttributes,
} from './describe-mapping.ts';
import { itemRows, jsonbParameter, rowArrays } from './item-rows.ts';
import { ItemStore, likePattern } from './item-store.ts';
import type { Json } from './json.ts';
import {
  type ToolingInfo,
  fieldSetupAttributes,
  objectSetupAttributes,
  toolingOf,
  withoutAddedKeys,
} from './setup-attributes.ts';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

export type { CatalogField, CatalogObject, CatalogObjectSummary } from './catalog-types.ts';

/** The catalog of one succeeded run: the versions valid at its seq. */
export interface CatalogView {
  connectionId: string;
  seq: number;
  /** True for the connection's latest succeeded run, whose versions are the current ones. */
  latest: boolean;
}

/** One describe job's answer from Salesforce for some of a run's objects. */
export interface DescribeBatch {
  /** Describe bodies sent with 200. */
  described: readonly unknown[];
  /** Objects Salesforce answered 304 Not Modified for: their stored version stands. */
  unchanged: readonly string[];
}

/** What saving a batch did: catalog rows written, and unchanged objects without a stored version. */
export interface BatchOutcome {
  written: number;
  /** Answered 304 but not in the catalog (cannot happen unless data was removed): describe them again. */
  unknown: string[];
}

/** What a succeeded run changed in the catalog, counted per kind against the run before it (the webhook's payload). */
export type ChangeSummary = CatalogChangeSummary;

/**
 * SQL for "valid in the view": $1 the connection, $2 the view's seq. Even for the latest catalog the
 * end is checked, not assumed open: a run that succeeds while a page is read ends versions at its
 * own, greater, seq, and the page must still see them.
 */
const validIn = (alias = 'v') =>
  `${alias}.connection_id = $1 AND ${alias}.from_seq <= $2 AND (${alias}.to_seq IS NULL OR ${alias}.to_seq > $2)`;

// Writers hold the run's row with FOR KEY SHARE: concurrent batches do not block each other nor the
// API-call counter (a plain UPDATE), while finishing a run (FOR UPDATE) waits for them, and a batch
// that starts after the run ended finds it no longer running and writes nothing. A run waiting for API
// budget takes the batches of calls answered before the budget ran out.
const LOCK_RUNNING = `
  SELECT connection_id, seq FROM extraction_runs WHERE id = $1
     AND status IN ('running', 'waiting_for_api_budget') FOR KEY SHARE`;

// An object the run describes again (a retried batch, a job run twice) replaces what the run stored
// for it before. Rare, so only done for objects the run has already accounted for: the statements
// scan the run's own rows, which a planner without statistics (a table just loaded) does in full.
const ALREADY_ACCOUNTED = `
  SELECT DISTINCT n AS name FROM run_progress, unnest(objects) AS n WHERE run_id = $1 AND n = ANY($2)`;
const DELETE_OWN_OBJECTS = `DELETE FROM catalog_versions
  WHERE connection_id = $1 AND kind = 'object' AND parent = '' AND name = ANY($3) AND from_seq = $2`;
const DELETE_OWN_FIELDS = `DELETE FROM catalog_versions
  WHERE connection_id = $1 AND kind = 'field' AND parent = ANY($3) AND from_seq = $2`;

// New versions only where the content differs from the current one: the same hash (see itemRow), or
// else the same content and children (a version hashed otherwise: by the database, before the hash was
// the worker's). The comparison is a LATERAL lookup per item (LIMIT 1 keeps it one): as NOT EXISTS, a
// planner that takes the connection for small (its first crawl, statistics from before) hashes all its
// versions for every batch, and each batch gets slower than the last.
// A concurrent batch of the same run (a stalled job's retry still running) may have stored the same
// item meanwhile: the later answer replaces it instead of failing the batch. Both answers are states
// the org was in during the run.
const INSERT_CHANGED = `
  INSERT INTO catalog_versions (connection_id, kind, parent, name, hash, content, children, summary, from_seq)
  SELECT $1, i.kind, i.parent, i.name, i.hash, i.content, i.children, i.summary, $2
    FROM jsonb_to_recordset($3::jsonb)
         AS i(kind text, parent text, name text, hash bytea, content jsonb, children text[], summary jsonb)
    LEFT JOIN LATERAL (SELECT 1 AS found FROM catalog_versions c
                        WHERE c.connection_id = $1 AND c.kind = i.kind AND c.parent = i.parent AND c.name = i.name
                          AND c.to_seq IS NULL
                          AND (c.hash = i.hash
                               OR (c.content = i.content AND c.children IS NOT DISTINCT FROM i.children))
                        LIMIT 1) same ON true
   WHERE same.found IS NULL
      ON CONFLICT (connection_id, kind, parent, name, from_seq)
      DO UPDATE SET hash = excluded.hash, content = excluded.content, children = excluded.children,
                    summary = excluded.summary`;

// Rows go in statements of about this many bytes of JSON (rowArrays, sent with jsonbParameter).
// The statement is a named (prepared) one: each connection plans it a few times, then reuses its plan for
// every statement of every batch.
const INSERT_CHUNK_BYTES = 128 * 1024;

// The current (published) version of each object named in $3.
const CURRENT_OBJECTS = `
  SELECT o.name, v.fields FROM unnest($3::text[]) AS o(name)
   CROSS JOIN LATERAL (SELECT cardinality(children) AS fields FROM catalog_versions
                        WHERE connection_id = $1 AND kind = 'object' AND parent = '' AND name = o.name
                          AND to_seq IS NULL AND from_seq < $2 LIMIT 1) v`;

// Of $3, the current objects stored with their Tooling facts.
const CURRENT_OBJECTS_WITH_TOOLING = `
  SELECT o.name FROM unnest($3::text[]) AS o(name)
   WHERE EXISTS (SELECT 1 FROM catalog_versions WHERE connection_id = $1 AND kind = 'object' AND parent = ''
                    AND name = o.name AND to_seq IS NULL AND from_seq < $2 AND content ? '$tooling')`;

// Objects newly accounted for by this job, and their fields; a retry adds only what is new.
const RECORD_PROGRESS = `
  INSERT INTO run_progress AS p (run_id, job_key, objects, fields, unchanged, written)
  VALUES ($1, $2, $3::text[], (SELECT coalesce(sum(c), 0) FROM unnest($4::int[]) AS c), $5, $6)
  ON CONFLICT (run_id, job_key) DO UPDATE SET
    objects = p.objects || ARRAY(SELECT n FROM unnest(excluded.objects) AS n WHERE n <> ALL (p.objects)),
    fields = p.fields + (SELECT coalesce(sum(t.c), 0) FROM unnest($3::text[], $4::int[]) AS t(n, c)
                          WHERE t.n <> ALL (p.objects)),
    unchanged = p.unchanged + excluded.unchanged,
    written = p.written + excluded.written`;

// What was odd in the batch's describes; a describe saved again warns once.
const RECORD_WARNINGS = `
  INSERT INTO run_warnings (run_id, object, field, attribute, problem)
  SELECT $1, w.object, coalesce(w.field, ''), w.attribute, w.problem
    FROM jsonb_to_recordset($2::jsonb) AS w(object text, field text, attribute text, problem text)
  ON CONFLICT DO NOTHING`;

// The connection's instance URL ($1), for links into Salesforce.
const INSTANCE_URL = 'SELECT instance_url FROM connections WHERE id = $1';

// One object's record count in the run of the view's seq ($2); null when Salesforce gave none.
const RECORD_COUNT = `SELECT c.counts->>v.name FROM run_record_counts c JOIN extraction_runs r ON r.id = c.run_id
  WHERE r.seq = $2`;

/** The extracted catalog, stored once per distinct version of each object and field. */
export class CatalogStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Stores one describe job's answers for a running run in one transaction: new versions where
   * the content changed, the objects accounted for, and what was odd in them (run warnings).
   * Idempotent per job: a retry may save the same objects again. Throws StoreError INVALID_DESCRIBE
   * (nothing saved) for a describe that cannot be stored at all (not an object, no name), and
   * RUN_NOT_FOUND when the run is gone or no longer running.
   */
  async saveBatch(runId: string, jobKey: string, batch: DescribeBatch): Promise<BatchOutcome> {
    const { objects, fields, warnings } = checkDescribes(batch.described);
    if (!isUuid(runId)) throw runNotRunning(runId);
    return withTransaction(this.pool, async (client) => {
      const run = (await client.query<{ connection_id: string; seq: string }>(LOCK_RUNNING, [runId])).rows[0];
      if (!run) throw runNotRunning(runId);
      const scope = [run.connection_id, run.seq];
      let written = 0;
      if (objects.length > 0) {
        const names = objects.map((o) => o.name);
        const again = (await client.query<{ name: string }>(ALREADY_ACCOUNTED, [runId, names])).rows;
        if (again.length > 0) {
          const redescribed = again.map((row) => row.name);
          await client.query(DELETE_OWN_OBJECTS, [...scope, redescribed]);
          await client.query(DELETE_OWN_FIELDS, [...scope, redescribed]);
        }
        for (const rows of rowArrays(itemRows(objects, fields), INSERT_CHUNK_BYTES)) {
          const inserted = await client.query({
            name: 'catalog-insert-changed',
            text: INSERT_CHANGED,
            values: [...scope, jsonbParameter(rows)],
          });
          written += inserted.rowCount ?? 0;
        }
      }
      const { rows: current } = await client.query<{ name: string; fields: number }>(CURRENT_OBJECTS, [
        ...scope,
        batch.unchanged,
      ]);
      const known = new Set(current.map((row) => row.name));
      const accounted = [...objects.map((o) => ({ name: o.name, fields: o.children?.length ?? 0 })), ...current];
      if (warnings.length > 0) await client.query(RECORD_WARNINGS, [runId, JSON.stringify(warnings)]);
      await client.query(RECORD_PROGRESS, [
        runId,
        jobKey,
        accounted.map((a) => a.name),
        accounted.map((a) => a.fields),
        current.length,
        written,
      ]);
      return { written, unknown: batch.unchanged.filter((name) => !known.has(name)) };
    });
  }

  /** Objects a run has accounted for so far (stored or unchanged), so a resumed job can skip them. */
  async accountedObjects(runId: string): Promise<Set<string>> {
    if (!isUuid(runId)) return new Set();
    const { rows } = await this.pool.query<{ name: string }>(
      'SELECT DISTINCT unnest(objects) AS name FROM run_progress WHERE run_id = $1',
      [runId],
    );
    return new Set(rows.map((row) => row.name));
  }

  /**
   * Of `names`, the objects the connection's catalog held before run `seq`: only those may be
   * asked for with If-Modified-Since (an object new to the catalog must be described in full).
   * `withTooling` keeps only those stored with their Tooling facts (`$tooling`): the others are read
   * again in full when the run wants those facts.
   */
  async currentObjectNames(
    connectionId: string,
    seq: number,
    names: readonly string[],
    options: { withTooling?: boolean } = {},
  ): Promise<Set<string>> {
    if (!isUuid(connectionId) || names.length === 0) return new Set();
    const { rows } = await this.pool.query<{ name: string }>(
      options.withTooling ? CURRENT_OBJECTS_WITH_TOOLING : CURRENT_OBJECTS,
      [connectionId, seq, names],
    );
    return new Set(rows.map((row) => row.name));
  }

  /** What a succeeded run changed against the previous succeeded run; null for any other run. */
  async changeSummary(runId: string): Promise<ChangeSummary | null> {
    if (!isUuid(runId)) return null;
    const { rows } = await this.pool.query<{
      connection_id: string;
      seq: string;
      previous_id: string | null;
      previous_seq: string | null;
    }>(
      `SELECT r.connection_id, r.seq, p.id AS previous_id, p.seq AS previous_seq
         FROM extraction_runs r
         LEFT JOIN LATERAL (SELECT id, seq FROM extraction_runs
                             WHERE connection_id = r.connection_id AND status = 'succeeded' AND seq < r.seq
                             ORDER BY seq DESC LIMIT 1) p ON true
        WHERE r.id = $1 AND r.status = 'succeeded'`,
      [runId],
    );
    const row = rows[0];
    if (!row) return null;
    const counts = await new ChangeHistory(this.pool).count(
      row.connection_id,
      Number(row.previous_seq ?? 0),
      Number(row.seq),
    );
    return {
      fromRunId: row.previous_id,
      toRunId: runId,
      objects: counts.object ?? none(),
      fields: counts.field ?? none(),
      reports: counts.report ?? none(),
      dashboards: counts.dashboard ?? none(),
      apexClasses: counts.apex_class ?? none(),
      apexTriggers: counts.apex_trigger ?? none(),
    };
  }

  /**
   * A page of the catalog's objects, sorted by name (binary order), after `after` if given, and only those
   * whose name, label or description holds `query` (case-insensitive) if given.
   */
  async listObjects(view: CatalogView, page: ObjectPage): Promise<CatalogObjectSummary[]> {
    const { rows } = await this.pool.query<{
      name: string;
      summary: Json;
      field_count: number;
      record_count: string | null;
      instance_url: string | null;
    }>(
      `WITH page AS (
         SELECT v.name, v.summary, cardinality(v.children) AS field_count
           FROM catalog_versions v
          WHERE ${validIn()} AND v.kind = 'object' AND v.parent = '' AND v.name > $3
            AND ($5::text IS NULL OR v.name ILIKE $5 OR v.summary->>'label' ILIKE $5
                 OR v.summary->>'description' ILIKE $5)
          ORDER BY v.name LIMIT $4
       ), record_counts AS (
         SELECT e.key, e.value FROM run_record_counts c JOIN extraction_runs r ON r.id = c.run_id,
                jsonb_each_text(c.counts) AS e WHERE r.seq = $2
       )
       SELECT page.*, record_counts.value AS record_count, (${INSTANCE_URL}) AS instance_url
         FROM page LEFT JOIN record_counts ON record_counts.key = page.name
        ORDER BY page.name`,
      [view.connectionId, view.seq, page.after ?? '', page.limit, page.query ? likePattern(page.query) : null],
    );
    const toolings = rows.map((row) => toolingOf(row.summary));
    const context = {
      instanceUrl: rows[0]?.instance_url ?? null,
      users: await new ItemStore(this.pool).users(view, toolings.flatMap(toolingUserIds)),
    };
    return rows.map(({ name, summary, field_count, record_count }, index) => ({
      ...readTypedAttributes<Omit<CatalogObjectSummary, 'fieldCount' | 'recordCount' | keyof SetupAttributes>>(
        { ...summary, name },
        SUMMARY_ATTRIBUTES,
      ),
      fieldCount: field_count,
      recordCount: record_count === null ? null : Number(record_count),
      ...objectSetupAttributes(name, toolings[index] as ToolingInfo, context),
    }));
  }

  /**
   * One object of the catalog with its fields in describe order, each with what Tooling said of it (its
   * users looked up once); undefined if the catalog has none such.
   */
  async getObject(view: CatalogView, name: string): Promise<CatalogObject | undefined> {
    const { rows } = await this.pool.query<{
      content: Json;
      fields: Json[] | null;
      record_count: string | null;
      instance_url: string | null;
    }>(
      `SELECT v.content, (${RECORD_COUNT}) AS record_count, (${INSTANCE_URL}) AS instance_url,
              (SELECT jsonb_agg(f.content ORDER BY c.position)
                 FROM unnest(v.children) WITH ORDINALITY AS c(name, position)
                 CROSS JOIN LATERAL (SELECT content FROM catalog_versions f
                                      WHERE ${validIn('f')} AND f.kind = 'field' AND f.parent = v.name
                                        AND f.name = c.name LIMIT 1) f) AS fields
         FROM catalog_versions v
        WHERE ${validIn()} AND v.kind = 'object' AND v.parent = '' AND v.name = $3`,
      [view.connectionId, view.seq, name],
    );
    const row = rows[0];
    if (!row) return undefined;
    const fields = row.fields ?? [];
    const tooling = toolingOf(row.content.$tooling);
    const fieldToolings = fields.map((field) => toolingOf(field.$tooling));
    const context = {
      instanceUrl: row.instance_url,
      users: await new ItemStore(this.pool).users(view, [tooling, ...fieldToolings].flatMap(toolingUserIds)),
    };
    return {
      ...readAttributes<Omit<CatalogObject, 'fields' | 'recordCount' | keyof SetupAttributes>>(
        withoutAddedKeys(row.content),
        OBJECT_ATTRIBUTES,
      ),
      ...objectSetupAttributes(name, tooling, context),
      recordCount: row.record_count === null ? null : Number(row.record_count),
      fields: fields.map((field, index) => {
        const attributes = readAttributes<Omit<CatalogField, keyof SetupAttributes>>(
          withoutAddedKeys(field),
          FIELD_ATTRIBUTES,
        );
        return {
          ...attributes,
          ...fieldSetupAttributes(name, attributes.name, fieldToolings[index] as ToolingInfo, context),
        };
      }),
    };
  }

  /**
   * The names of the catalog's custom objects among `durableIds` ('01I…', compared on their first 15
   * characters, as Salesforce writes them in either length), by that 15-character id.
   */
  async objectNames(view: CatalogView, durableIds: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(durableIds.map((id) => id.slice(0, 15)))];
    if (wanted.length === 0) return new Map();
    const { rows } = await this.pool.query<{ name: string; id: string }>(
      `SELECT v.name, left(v.content->'$tooling'->>'durableId', 15) AS id FROM catalog_versions v
        WHERE ${validIn()} AND v.kind = 'object' AND v.parent = ''
          AND left(v.content->'$tooling'->>'durableId', 15) = ANY ($3::text[])`,
      [view.connectionId, view.seq, wanted],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

/** A page of objects: after `after`, matching `query` (name, label or description) if given. */
export interface ObjectPage {
  after?: string;
  limit: number;
  query?: string;
}

/** Who created and last changed an object or a field, as Tooling said. */
const toolingUserIds = (tooling: ToolingInfo): string[] =>
  [tooling.createdById, tooling.lastModifiedById].filter((id) => id !== null);

const none = () => ({ added: 0, removed: 0, changed: 0 });

function runNotRunning(runId: string): StoreError {
  return new StoreError('RUN_NOT_FOUND', `extraction run ${runId} does not exist or is no longer running`);
}
