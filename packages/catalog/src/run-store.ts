import type pg from 'pg';
import { applyScopeChanges, defaultScope, type ExtractionScope, type ScopeChanges } from './extraction-scope.ts';
import type { CatalogView } from './catalog-store.ts';
import type { ConnectionStatus } from './connection-store.ts';
import type { DescribeWarning } from './describe-mapping.ts';
import { withTransaction } from './database.ts';
import { discardRun, publishRun } from './publish-run.ts';
import { applyRetention, type RetentionDefaults, type RetentionOutcome } from './retention.ts';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

/**
 * `waiting_for_api_budget`: the org's daily API budget is spent; the run's jobs wait until `resumeAt`
 * and then go on where they stopped. It is active like `queued` and `running`.
 */
export type RunStatus = 'queued' | 'running' | 'waiting_for_api_budget' | 'succeeded' | 'failed';

/** True when the run has started and not finished: its jobs work for it, waiting for budget or not. */
export function isUnderway(run: Pick<ExtractionRun, 'status'>): boolean {
  return run.status === 'running' || run.status === 'waiting_for_api_budget';
}

/** `full` describes every object; `incremental` asks Salesforce only for what changed since the last run. */
export type RunMode = 'full' | 'incremental';

/** Who asked for the run. */
export type RunTrigger = 'api' | 'schedule';

/** One extraction of a connection's catalog, with its progress. */
export interface ExtractionRun {
  id: string;
  connectionId: string;
  /** The org of the run's connection (null until it connected): a label for metrics. */
  orgId: string | null;
  /** Position among all runs: a later run has a greater seq. */
  seq: number;
  status: RunStatus;
  mode: RunMode;
  trigger: RunTrigger;
  /** What conditional requests asked Salesforce about: changes since then. Null when everything was fetched. */
  modifiedSince: Date | null;
  objectsTotal: number | null;
  /** Objects accounted for so far: described, or unchanged since the last run. */
  objectsDone: number;
  /** Fields of those objects. */
  fieldsCount: number;
  /** Objects Salesforce answered 304 Not Modified for. */
  objectsUnchanged: number;
  /** Catalog rows (versions of objects and fields) the run wrote: what changed. */
  versionsWritten: number;
  /** Odd attributes in what Salesforce sent (stored as sent all the same). */
  warnings: number;
  /** Listed objects whose describe answered NOT_FOUND: deleted from the org mid-crawl. */
  objectsVanished: number;
  /** Parts Salesforce refused (run_skipped_parts). */
  skippedParts: number;
  /** A succeeded run's catalog size per other kind (report, dashboard, apex_class, apex_trigger, user). */
  itemCounts: Record<string, number> | null;
  /** What the run reads (the connection's scope when it started); the default scope until it started. */
  scope: ExtractionScope;
  apiCalls: number;
  errorCode: string | null;
  errorMessage: string | null;
  /** While the run waits for the org's API budget: when its jobs check the budget again. Null otherwise. */
  resumeAt: Date | null;
  /** The time by which a run waiting for API budget must have finished, or it fails; fixed by its first wait. */
  deadlineAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

// Progress is summed over the run's few run_progress rows (one per describe job), never counted
// over the catalog; a succeeded run carries the exact size of its catalog.
const SELECT_RUN = `
  SELECT r.*, (SELECT org_id FROM connections c WHERE c.id = r.connection_id) AS org_id,
         coalesce(r.objects_count, p.objects) AS objects_done, coalesce(r.fields_count, p.fields) AS fields_done,
         p.unchanged, p.written,
         (SELECT count(*) FROM run_vanished_objects v WHERE v.run_id = r.id)::int AS objects_vanished,
         (SELECT count(*) FROM run_warnings w WHERE w.run_id = r.id)::int AS warnings,
         (SELECT count(*) FROM run_skipped_parts s WHERE s.run_id = r.id)::int AS skipped_parts
    FROM extraction_runs r
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(cardinality(objects)), 0)::int AS objects, coalesce(sum(fields), 0)::int AS fields,
             coalesce(sum(unchanged), 0)::int AS unchanged, coalesce(sum(written), 0)::int AS written
        FROM run_progress WHERE run_id = r.id) p`;

// Listed objects neither accounted for nor recorded as vanished: what keeps a run from succeeding.
const MISSING_OBJECTS = `
  SELECT unnest(listed_objects) AS name FROM extraction_runs WHERE id = $1
  EXCEPT SELECT unnest(objects) FROM run_progress WHERE run_id = $1
  EXCEPT SELECT name FROM run_vanished_objects WHERE run_id = $1`;

/** A run that wrote at least this many catalog versions has the table's statistics refreshed. */
const analyzeAfterVersions = 5000;

const ACTIVE = `('queued', 'running', 'waiting_for_api_budget')`;

// startIfConnected's statement. A new run has no progress, warnings or parts yet: its counts are zeros, not
// read. The active run is read as of the statement's start, so it is never the one inserted here. It is
// prepared once per pooled connection (planning it cost more than running it), so its result names its
// columns: PostgreSQL refuses a prepared statement whose result changed ("cached plan must not change result
// type"), which `*` would do once a migration adds a column, while an older API still runs.
const START_COLUMNS = [
  'id',
  'connection_id',
  'org_id',
  'seq',
  'status',
  'mode',
  'trigger',
  'modified_since',
  'objects_total',
  'objects_done',
  'fields_done',
  'unchanged',
  'written',
  'warnings',
  'objects_vanished',
  'skipped_parts',
  'item_counts',
  'scope',
  'api_calls',
  'error_code',
  'error_message',
  'resume_at',
  'deadline_at',
  'created_at',
  'started_at',
  'finished_at',
] as const satisfies readonly (keyof RunRow)[];
// A column RunRow gains and START_COLUMNS lacks fails to compile here.
const _everyRunColumn: [Exclude<keyof RunRow, (typeof START_COLUMNS)[number]>] extends [never] ? true : never = true;

const START_IF_CONNECTED = {
  name: 'sfmeta-start-if-connected',
  text: `
  WITH target AS (SELECT id, status, org_id FROM connections WHERE id = $1),
  inserted AS (
    INSERT INTO extraction_runs (connection_id, status, mode, trigger)
    SELECT id, 'queued', $2, $3 FROM target WHERE status = 'connected'
    ON CONFLICT (connection_id) WHERE status IN ${ACTIVE} DO NOTHING
    RETURNING *),
  run AS (
    SELECT i.*, t.org_id, 0 AS objects_done, 0 AS fields_done, 0 AS unchanged, 0 AS written,
           0 AS objects_vanished, 0 AS warnings, 0 AS skipped_parts, true AS created
      FROM inserted i CROSS JOIN target t
    UNION ALL
    SELECT active.*, false FROM (${SELECT_RUN} WHERE r.connection_id = $1 AND r.status IN ${ACTIVE}) active)
  SELECT target.status AS connection_status, ${START_COLUMNS.map((column) => `run.${column}`).join(', ')}, run.created
    FROM target LEFT JOIN run ON true`,
};

// A run by its id: read by every job a worker takes and every poll of the run, so prepared once per pooled
// connection like START_IF_CONNECTED (planning it cost as much as running it), with its columns named.
const GET_RUN = {
  name: 'sfmeta-get-run',
  text: `SELECT ${START_COLUMNS.map((column) => `run.${column}`).join(', ')}
           FROM (${SELECT_RUN} WHERE r.id = $1) run`,
};

// Once before every request a worker sends to Salesforce: prepared, like GET_RUN.
const ADD_API_CALLS = {
  name: 'sfmeta-add-api-calls',
  text: 'UPDATE extraction_runs SET api_calls = api_calls + $2 WHERE id = $1',
};

interface RunRow {
  id: string;
  connection_id: string;
  org_id: string | null;
  seq: string;
  status: RunStatus;
  mode: RunMode;
  trigger: RunTrigger;
  modified_since: Date | null;
  objects_total: number | null;
  objects_done: number;
  fields_done: number;
  unchanged: number;
  written: number;
  warnings: number;
  objects_vanished: number;
  skipped_parts: number;
  item_counts: Record<string, number> | null;
  scope: ScopeChanges | null;
  api_calls: number;
  error_code: string | null;
  error_message: string | null;
  resume_at: Date | null;
  deadline_at: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** A row of START_IF_CONNECTED: the connection's status, and its new or active run (all null when none). */
type StartRow = Omit<RunRow, 'id'> & { id: string | null; connection_status: ConnectionStatus; created: boolean };

/** What an incremental run starts from: the latest succeeded run of the same org. */
export interface Baseline {
  startedAt: Date;
  /** The objects it listed (within its scope). */
  listedObjects: string[];
  /** The scope it read; null for runs from before scopes existed. */
  scope: ExtractionScope | null;
}

/** A part of a run that Salesforce refused, and why (its error code and message). */
export interface SkippedPart {
  /** descriptions, owners, record_counts, reports, report_describes, dashboards, apex_classes, apex_triggers, users */
  part: string;
  code: string;
  message: string;
}

/**
 * What startIfConnected found: the connection's new or active run, or why there is none (a status other
 * than `connected`, or no status when the connection does not exist).
 */
export type ConnectedStart =
  | { connectionStatus: 'connected'; started: { run: ExtractionRun; created: boolean } }
  | { connectionStatus?: Exclude<ConnectionStatus, 'connected'>; started?: undefined };

/** Extraction runs and their status transitions; state changes only move forward. */
export class RunStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Queues a run unless the connection already has an active one, which is returned instead.
   * The partial unique index decides between concurrent callers, so exactly one creates.
   */
  async startOrGetActive(
    connectionId: string,
    options: { mode?: RunMode; trigger?: RunTrigger } = {},
  ): Promise<{ run: ExtractionRun; created: boolean }> {
    if (!isUuid(connectionId)) throw notFound(connectionId);
    // The active run found by the conflict may finish before we read it; then simply try again.
    for (let attempt = 0; attempt < 5; attempt++) {
      let inserted: string | undefined;
      try {
        const { rows } = await this.pool.query<{ id: string }>(
          `INSERT INTO extraction_runs (connection_id, status, mode, trigger) VALUES ($1, 'queued', $2, $3)
           ON CONFLICT (connection_id) WHERE status IN ${ACTIVE} DO NOTHING
           RETURNING id`,
          [connectionId, options.mode ?? 'incremental', options.trigger ?? 'api'],
        );
        inserted = rows[0]?.id;
      } catch (error) {
        if ((error as { code?: string }).code === '23503') throw notFound(connectionId, error);
        throw error;
      }
      const run = inserted ? await this.get(inserted) : await this.activeFor(connectionId);
      if (run) return { run, created: inserted !== undefined };
    }
    throw new Error(`could not start or find an active run for connection ${connectionId}`);
  }

  /**
   * startOrGetActive for a connection that must be connected, in one round trip: the API's trigger. Reads
   * the connection's status and, when it is `connected`, queues a run unless one is active, which is
   * returned instead. Without `started` when the connection does not exist (no `connectionStatus` either)
   * or is not connected.
   */
  async startIfConnected(
    connectionId: string,
    options: { mode?: RunMode; trigger?: RunTrigger } = {},
  ): Promise<ConnectedStart> {
    if (!isUuid(connectionId)) return {};
    // The active run that blocked the insert may be newer than the statement's snapshot, or may have finished
    // since: then it is found by trying again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await this.startRow(connectionId, options.mode ?? 'incremental', options.trigger ?? 'api');
      if (!row) return {};
      const { connection_status: connectionStatus, id } = row;
      if (connectionStatus !== 'connected') return { connectionStatus };
      if (id !== null) return { connectionStatus, started: { run: toRun({ ...row, id }), created: row.created } };
    }
    throw new Error(`could not start or find an active run for connection ${connectionId}`);
  }

  async get(id: string): Promise<ExtractionRun | undefined> {
    if (!isUuid(id)) return undefined;
    return this.one(GET_RUN, [id]);
  }

  /** A connection's runs, newest first. */
  async listFor(connectionId: string, limit: number): Promise<ExtractionRun[]> {
    if (!isUuid(connectionId)) return [];
    const { rows } = await this.pool.query<RunRow>(
      `${SELECT_RUN} WHERE r.connection_id = $1 ORDER BY r.created_at DESC LIMIT $2`,
      [connectionId, limit],
    );
    return rows.map(toRun);
  }

  /** The active run of a connection (queued, running or waiting for API budget), if any. */
  async activeFor(connectionId: string): Promise<ExtractionRun | undefined> {
    if (!isUuid(connectionId)) return undefined;
    return this.one(`${SELECT_RUN} WHERE r.connection_id = $1 AND r.status IN ${ACTIVE}`, [connectionId]);
  }

  /** The catalog of the latest succeeded run, without counting anything: for reading it. */
  async latestCatalog(connectionId: string): Promise<LatestCatalog | undefined> {
    if (!isUuid(connectionId)) return undefined;
    const { rows } = await this.pool.query<SucceededRow>(
      `${SELECT_SUCCEEDED} WHERE connection_id = $1 AND status = 'succeeded' ORDER BY seq DESC LIMIT 1`,
      [connectionId],
    );
    return rows[0] && toCatalog(rows[0], true);
  }

  /** The catalog of one succeeded run of the connection; undefined for any other run. */
  async catalogOf(connectionId: string, runId: string): Promise<LatestCatalog | undefined> {
    if (!isUuid(connectionId) || !isUuid(runId)) return undefined;
    const { rows } = await this.pool.query<SucceededRow & { latest: boolean }>(
      `SELECT ${SUCCEEDED_COLUMNS},
              seq = (SELECT max(seq) FROM extraction_runs WHERE connection_id = $1 AND status = 'succeeded') AS latest
         FROM extraction_runs WHERE connection_id = $1 AND id = $2 AND status = 'succeeded'`,
      [connectionId, runId],
    );
    return rows[0] && toCatalog(rows[0], rows[0].latest);
  }

  /** The connection's succeeded runs before `seq`, newest first: the previous catalogs. */
  async succeededBefore(connectionId: string, seq: number, limit: number): Promise<LatestCatalog[]> {
    if (!isUuid(connectionId)) return [];
    const { rows } = await this.pool.query<SucceededRow>(
      `${SELECT_SUCCEEDED} WHERE connection_id = $1 AND status = 'succeeded' AND seq < $2 ORDER BY seq DESC LIMIT $3`,
      [connectionId, seq, limit],
    );
    return rows.map((row) => toCatalog(row, false));
  }

  /**
   * The objects the latest succeeded run listed, and when it started: the baseline of an incremental
   * run. None when that run crawled another org than the connection's current one (its host changed).
   */
  async baselineFor(connectionId: string): Promise<Baseline | undefined> {
    if (!isUuid(connectionId)) return undefined;
    const { rows } = await this.pool.query<{
      started_at: Date | null;
      created_at: Date;
      listed_objects: string[] | null;
      scope: ScopeChanges | null;
    }>(
      `SELECT r.started_at, r.created_at, r.listed_objects, r.scope FROM extraction_runs r
         JOIN connections c ON c.id = r.connection_id AND c.org_id = r.crawled_org_id
        WHERE r.connection_id = $1 AND r.status = 'succeeded' ORDER BY r.seq DESC LIMIT 1`,
      [connectionId],
    );
    const row = rows[0];
    if (!row?.listed_objects) return undefined;
    return {
      startedAt: row.started_at ?? row.created_at,
      listedObjects: row.listed_objects,
      scope: row.scope && applyScopeChanges(defaultScope, row.scope),
    };
  }

  /** Records the scope the run reads: the connection's when it started. */
  async setScope(id: string, scope: ExtractionScope): Promise<void> {
    await this.update('UPDATE extraction_runs SET scope = $2 WHERE id = $1', id, scope);
  }

  /** Records what the run's conditional requests ask about (changes since `since`), or null for a full fetch. */
  async setModifiedSince(id: string, since: Date | null): Promise<void> {
    await this.update('UPDATE extraction_runs SET modified_since = $2 WHERE id = $1', id, since);
  }

  /**
   * queued → running; a retried job may call it again (started_at keeps the first start). False if finished,
   * or waiting for API budget: only `markResumed` ends a wait.
   */
  async markRunning(id: string): Promise<boolean> {
    return this.update(
      `UPDATE extraction_runs SET status = 'running', started_at = coalesce(started_at, now()),
              crawled_org_id = (SELECT org_id FROM connections WHERE id = connection_id)
        WHERE id = $1 AND status IN ('queued', 'running')`,
      id,
    );
  }

  /**
   * An active run → waiting_for_api_budget until `resumeAt` (a later time already recorded stands, so
   * jobs pausing at once leave the latest). The first wait fixes the deadline. False if finished.
   */
  async markWaitingForBudget(id: string, resumeAt: Date, deadlineAt: Date): Promise<boolean> {
    return this.update(
      `UPDATE extraction_runs SET status = 'waiting_for_api_budget',
              resume_at = CASE WHEN status = 'waiting_for_api_budget' THEN greatest(resume_at, $2) ELSE $2 END,
              deadline_at = coalesce(deadline_at, $3)
        WHERE id = $1 AND status IN ${ACTIVE}`,
      id,
      resumeAt,
      deadlineAt,
    );
  }

  /** waiting_for_api_budget → running, once the budget allows again; false if the run was not waiting. */
  async markResumed(id: string): Promise<boolean> {
    return this.update(
      `UPDATE extraction_runs SET status = 'running', resume_at = NULL
        WHERE id = $1 AND status = 'waiting_for_api_budget'`,
      id,
    );
  }

  /** True when another running run listed fewer objects than `objects`: a smaller crawl is under way. */
  async smallerRunUnderway(id: string, objects: number): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { rows } = await this.pool.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM extraction_runs WHERE status = 'running' AND id <> $1 AND objects_total < $2)
         AS found`,
      [id, objects],
    );
    return rows[0]?.found ?? false;
  }

  /** Records the objects describeGlobal listed: the run may only succeed once each is accounted for. */
  async setListedObjects(id: string, names: readonly string[]): Promise<void> {
    await this.update(
      'UPDATE extraction_runs SET listed_objects = $2, objects_total = cardinality($2::text[]) WHERE id = $1',
      id,
      names,
    );
  }

  /** Records listed objects that no longer exist in the org, with why; recording one twice keeps the first reason. */
  async recordVanished(id: string, objects: readonly { name: string; reason: string }[]): Promise<void> {
    if (objects.length === 0 || !isUuid(id)) return;
    await this.pool.query(
      `INSERT INTO run_vanished_objects (run_id, name, reason)
       SELECT $1, v.name, v.reason FROM unnest($2::text[], $3::text[]) AS v(name, reason)
       ON CONFLICT DO NOTHING`,
      [id, objects.map((o) => o.name), objects.map((o) => o.reason)],
    );
  }

  /** A run's vanished objects, by name. */
  async vanishedObjects(id: string): Promise<{ name: string; reason: string }[]> {
    if (!isUuid(id)) return [];
    const { rows } = await this.pool.query<{ name: string; reason: string }>(
      'SELECT name, reason FROM run_vanished_objects WHERE run_id = $1 ORDER BY name COLLATE "C"',
      [id],
    );
    return rows;
  }

  /** Records a run's record counts (objects without one are left out: unknown, not zero). */
  async setRecordCounts(id: string, counts: ReadonlyMap<string, number>): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query(
      `INSERT INTO run_record_counts (run_id, counts) VALUES ($1, $2)
       ON CONFLICT (run_id) DO UPDATE SET counts = excluded.counts`,
      [id, JSON.stringify(Object.fromEntries(counts))],
    );
  }

  /** The first `limit` odd attributes of a run's describes, by object, field and attribute. */
  async warningsOf(id: string, limit: number): Promise<DescribeWarning[]> {
    if (!isUuid(id)) return [];
    const { rows } = await this.pool.query<{ object: string; field: string; attribute: string; problem: string }>(
      `SELECT object, field, attribute, problem FROM run_warnings WHERE run_id = $1
        ORDER BY object, field, attribute LIMIT $2`,
      [id, limit],
    );
    return rows.map((row) => ({ ...row, field: row.field === '' ? null : row.field }));
  }

  /**
   * Records that Salesforce refused a part of the run (a permission the user lacks): the run goes on
   * without it. The first refusal of a part is kept.
   */
  async recordSkipped(id: string, skipped: SkippedPart): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query(
      `INSERT INTO run_skipped_parts (run_id, part, code, message) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [id, skipped.part, skipped.code, skipped.message],
    );
  }

  /** The parts of a run that Salesforce refused, by part. */
  async skippedOf(id: string): Promise<SkippedPart[]> {
    if (!isUuid(id)) return [];
    const { rows } = await this.pool.query<SkippedPart>(
      'SELECT part, code, message FROM run_skipped_parts WHERE run_id = $1 ORDER BY part',
      [id],
    );
    return rows;
  }

  /** Listed objects that are neither stored nor vanished, by name; empty before the listing. */
  async missingObjects(id: string): Promise<string[]> {
    if (!isUuid(id)) return [];
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT name FROM (${MISSING_OBJECTS}) m ORDER BY name COLLATE "C"`,
      [id],
    );
    return rows.map((row) => row.name);
  }

  /**
   * Active runs created before `before`, oldest first: the candidates for the lost-run check,
   * which runs often on every worker, so it reads ids only and counts nothing.
   */
  async activeCreatedBefore(before: Date): Promise<{ id: string; connectionId: string }[]> {
    const { rows } = await this.pool.query<{ id: string; connection_id: string }>(
      `SELECT id, connection_id FROM extraction_runs
        WHERE status IN ${ACTIVE} AND created_at < $1 ORDER BY created_at`,
      [before],
    );
    return rows.map((row) => ({ id: row.id, connectionId: row.connection_id }));
  }

  /** Atomic increment, so parallel describe jobs of one run may all report their calls. */
  async addApiCalls(id: string, calls: number): Promise<void> {
    checkCount('calls', calls);
    if (calls === 0) return;
    await this.update(ADD_API_CALLS, id, calls);
  }

  /**
   * Finishes an active run successfully and publishes its catalog, in one transaction; false if it
   * was already finished, or if a listed object is still missing: a partial catalog is never published.
   */
  async markSucceeded(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const published = await withTransaction(this.pool, async (client) => {
      const run = await lockActive(client, id);
      if (!run) return false;
      if ((await client.query(MISSING_OBJECTS, [id])).rows.length > 0) return false;
      const { rows } = await client.query<{ name: string }>(
        `SELECT unnest(listed_objects) AS name FROM extraction_runs WHERE id = $1
         EXCEPT SELECT name FROM run_vanished_objects WHERE run_id = $1`,
        [id],
      );
      const size = await publishRun(client, { ...run, catalogObjects: rows.map((row) => row.name) });
      // clock_timestamp(), not now() (the transaction's start): the publishing above is part of the run.
      await client.query(
        `UPDATE extraction_runs SET status = 'succeeded', finished_at = clock_timestamp(),
                error_code = NULL, error_message = NULL, resume_at = NULL,
                objects_count = $2, fields_count = $3, item_counts = $4
          WHERE id = $1`,
        [id, size.objects, size.fields, size.items],
      );
      return true;
    });
    if (published) await this.refreshStatistics(id);
    return published;
  }

  /**
   * After a run that loaded many versions (a first crawl), statistics are refreshed at once rather
   * than when autovacuum gets to it: the next run's statements are planned on them. Only an
   * optimisation, so a failure is left for autovacuum to make up.
   */
  private async refreshStatistics(id: string): Promise<void> {
    const { rows } = await this.pool.query<{ written: number }>(
      'SELECT coalesce(sum(written), 0)::int AS written FROM run_progress WHERE run_id = $1',
      [id],
    );
    if ((rows[0]?.written ?? 0) < analyzeAfterVersions) return;
    await this.pool.query('ANALYZE catalog_versions').catch(() => {});
  }

  /**
   * Finishes an active run as failed and discards what it stored; false if it was already finished
   * (the first outcome wins).
   */
  async markFailed(id: string, code: string, message: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return withTransaction(this.pool, async (client) => {
      const run = await lockActive(client, id);
      if (!run) return false;
      await client.query(
        `UPDATE extraction_runs SET status = 'failed', finished_at = clock_timestamp(),
                error_code = $2, error_message = $3, resume_at = NULL
          WHERE id = $1`,
        [id, code, message],
      );
      await discardRun(client, run);
      return true;
    });
  }

  /**
   * Sets how long a connection's runs are kept (null: the defaults); returns the stored setting, or
   * undefined when the connection does not exist.
   */
  async setRetention(
    connectionId: string,
    setting: { runs: number | null; days: number | null },
  ): Promise<{ runs: number | null; days: number | null } | undefined> {
    if (!isUuid(connectionId)) return undefined;
    const { rows } = await this.pool.query<{ retention_runs: number | null; retention_days: number | null }>(
      `UPDATE connections SET retention_runs = $2, retention_days = $3, updated_at = now() WHERE id = $1
       RETURNING retention_runs, retention_days`,
      [connectionId, setting.runs, setting.days],
    );
    const row = rows[0];
    return row && { runs: row.retention_runs, days: row.retention_days };
  }

  /** A connection's own retention setting (null parts: the defaults); undefined when it does not exist. */
  async retentionOf(connectionId: string): Promise<{ runs: number | null; days: number | null } | undefined> {
    if (!isUuid(connectionId)) return undefined;
    const { rows } = await this.pool.query<{ retention_runs: number | null; retention_days: number | null }>(
      'SELECT retention_runs, retention_days FROM connections WHERE id = $1',
      [connectionId],
    );
    const row = rows[0];
    return row && { runs: row.retention_runs, days: row.retention_days };
  }

  /** Removes the runs retention no longer keeps and the catalog versions no kept run points to. */
  async applyRetention(defaults: RetentionDefaults): Promise<RetentionOutcome> {
    return applyRetention(this.pool, defaults);
  }

  /** START_IF_CONNECTED's row; undefined when the connection does not exist, or was deleted meanwhile. */
  private async startRow(connectionId: string, mode: RunMode, trigger: RunTrigger): Promise<StartRow | undefined> {
    try {
      const { rows } = await this.pool.query<StartRow>({
        ...START_IF_CONNECTED,
        values: [connectionId, mode, trigger],
      });
      return rows[0];
    } catch (error) {
      // Deleted between the statement's read of the connection and its insert.
      if ((error as { code?: string }).code === '23503') return undefined;
      throw error;
    }
  }

  private async one(sql: Statement, params: unknown[]): Promise<ExtractionRun | undefined> {
    const { rows } = await this.pool.query<RunRow>(statement(sql, params));
    return rows[0] && toRun(rows[0]);
  }

  /** Runs an UPDATE whose $1 is the run id; false when no row matched. */
  private async update(sql: Statement, id: string, ...params: unknown[]): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.pool.query(statement(sql, [id, ...params]));
    return result.rowCount === 1;
  }
}

/** A statement's text, or a named (prepared) statement. */
type Statement = string | { name: string; text: string };

const statement = (sql: Statement, values: unknown[]): pg.QueryConfig =>
  typeof sql === 'string' ? { text: sql, values } : { ...sql, values };

/** The catalog of a succeeded run, for reading it. */
export interface LatestCatalog extends CatalogView {
  runId: string;
  extractedAt: Date;
}

const SUCCEEDED_COLUMNS = 'id, connection_id, seq, finished_at, created_at';
const SELECT_SUCCEEDED = `SELECT ${SUCCEEDED_COLUMNS} FROM extraction_runs`;

interface SucceededRow {
  id: string;
  connection_id: string;
  seq: string;
  finished_at: Date | null;
  created_at: Date;
}

function toCatalog(row: SucceededRow, latest: boolean): LatestCatalog {
  return {
    runId: row.id,
    connectionId: row.connection_id,
    seq: Number(row.seq),
    latest,
    extractedAt: row.finished_at ?? row.created_at,
  };
}

/**
 * Locks an active run against the batches writing to it (they hold FOR KEY SHARE), so that once
 * it is finished no batch can add to it. Undefined when it is not active.
 */
async function lockActive(
  client: pg.ClientBase,
  id: string,
): Promise<{ connectionId: string; seq: number } | undefined> {
  const { rows } = await client.query<{ connection_id: string; seq: string }>(
    `SELECT connection_id, seq FROM extraction_runs WHERE id = $1 AND status IN ${ACTIVE} FOR UPDATE`,
    [id],
  );
  const row = rows[0];
  return row && { connectionId: row.connection_id, seq: Number(row.seq) };
}

function notFound(connectionId: string, cause?: unknown): StoreError {
  return new StoreError('CONNECTION_NOT_FOUND', `connection ${connectionId} does not exist`, { cause });
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StoreError('INVALID_INPUT', `${name} must be a non-negative integer, got ${value}`);
  }
}

function toRun(row: RunRow): ExtractionRun {
  return {
    id: row.id,
    connectionId: row.connection_id,
    orgId: row.org_id,
    seq: Number(row.seq),
    status: row.status,
    mode: row.mode,
    trigger: row.trigger,
    modifiedSince: row.modified_since,
    objectsTotal: row.objects_total,
    objectsDone: row.objects_done,
    fieldsCount: row.fields_done,
    objectsUnchanged: row.unchanged,
    versionsWritten: row.written,
    warnings: row.warnings,
    objectsVanished: row.objects_vanished,
    skippedParts: row.skipped_parts,
    itemCounts: row.item_counts,
    scope: applyScopeChanges(defaultScope, row.scope ?? undefined),
    apiCalls: row.api_calls,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    resumeAt: row.resume_at,
    deadlineAt: row.deadline_at,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
