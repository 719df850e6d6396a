import type pg from 'pg';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** One extraction of a connection's catalog, with its progress. */
export interface ExtractionRun {
  id: string;
  connectionId: string;
  /** The org of the run's connection (null until it connected): a label for metrics. */
  orgId: string | null;
  status: RunStatus;
  objectsTotal: number | null;
  /** Objects saved so far (rows in catalog_objects). */
  objectsDone: number;
  /** Fields saved so far (rows in catalog_fields). */
  fieldsCount: number;
  /** Listed objects whose describe answered NOT_FOUND: deleted from the org mid-crawl. */
  objectsVanished: number;
  apiCalls: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

// Progress is counted rather than stored, so it can never disagree with what was saved;
// both counts are index-only scans on the catalog primary keys.
const SELECT_RUN = `
  SELECT r.*, (SELECT org_id FROM connections c WHERE c.id = r.connection_id) AS org_id,
         (SELECT count(*) FROM catalog_objects o WHERE o.run_id = r.id)::int AS objects_done,
         (SELECT count(*) FROM catalog_fields f WHERE f.run_id = r.id)::int AS fields_count,
         (SELECT count(*) FROM run_vanished_objects v WHERE v.run_id = r.id)::int AS objects_vanished
    FROM extraction_runs r`;

// Listed objects neither stored nor recorded as vanished: what keeps a run from succeeding.
const MISSING_OBJECTS = `
  SELECT l.name FROM extraction_runs r CROSS JOIN LATERAL unnest(r.listed_objects) AS l(name)
   WHERE r.id = $1
     AND NOT EXISTS (SELECT 1 FROM catalog_objects o WHERE o.run_id = r.id AND o.name = l.name)
     AND NOT EXISTS (SELECT 1 FROM run_vanished_objects v WHERE v.run_id = r.id AND v.name = l.name)`;

const ACTIVE = `('queued', 'running')`;

interface RunRow {
  id: string;
  connection_id: string;
  org_id: string | null;
  status: RunStatus;
  objects_total: number | null;
  objects_done: number;
  fields_count: number;
  objects_vanished: number;
  api_calls: number;
  error_code: string | null;
  error_message: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** Extraction runs and their status transitions; state changes only move forward. */
export class RunStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Queues a run unless the connection already has an active one, which is returned instead.
   * The partial unique index decides between concurrent callers, so exactly one creates.
   */
  async startOrGetActive(connectionId: string): Promise<{ run: ExtractionRun; created: boolean }> {
    if (!isUuid(connectionId)) throw notFound(connectionId);
    // The active run found by the conflict may finish before we read it; then simply try again.
    for (let attempt = 0; attempt < 5; attempt++) {
      let inserted: string | undefined;
      try {
        const { rows } = await this.pool.query<{ id: string }>(
          `INSERT INTO extraction_runs (connection_id, status) VALUES ($1, 'queued')
           ON CONFLICT (connection_id) WHERE status IN ${ACTIVE} DO NOTHING
           RETURNING id`,
          [connectionId],
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

  async get(id: string): Promise<ExtractionRun | undefined> {
    if (!isUuid(id)) return undefined;
    return this.one(`${SELECT_RUN} WHERE r.id = $1`, [id]);
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

  /** The queued or running run of a connection, if any. */
  async activeFor(connectionId: string): Promise<ExtractionRun | undefined> {
    if (!isUuid(connectionId)) return undefined;
    return this.one(`${SELECT_RUN} WHERE r.connection_id = $1 AND r.status IN ${ACTIVE}`, [connectionId]);
  }

  /** The latest succeeded run's id and end, without counting its rows: for reading its catalog. */
  async latestCatalog(connectionId: string): Promise<{ runId: string; extractedAt: Date } | undefined> {
    if (!isUuid(connectionId)) return undefined;
    const { rows } = await this.pool.query<{ id: string; finished_at: Date | null; created_at: Date }>(
      `SELECT id, finished_at, created_at FROM extraction_runs
        WHERE connection_id = $1 AND status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
      [connectionId],
    );
    const row = rows[0];
    return row && { runId: row.id, extractedAt: row.finished_at ?? row.created_at };
  }

  /** queued → running; a retried job may call it again (started_at keeps the first start). False if finished. */
  async markRunning(id: string): Promise<boolean> {
    return this.update(
      `UPDATE extraction_runs SET status = 'running', started_at = coalesce(started_at, now())
        WHERE id = $1 AND status IN ${ACTIVE}`,
      id,
    );
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

  /** Listed objects that are neither stored nor vanished, by name; empty before the listing. */
  async missingObjects(id: string): Promise<string[]> {
    if (!isUuid(id)) return [];
    const { rows } = await this.pool.query<{ name: string }>(`${MISSING_OBJECTS} ORDER BY l.name COLLATE "C"`, [id]);
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
    await this.update('UPDATE extraction_runs SET api_calls = api_calls + $2 WHERE id = $1', id, calls);
  }

  /**
   * Finishes an active run successfully; false if it was already finished, or if a listed object
   * is still missing: the statement itself checks, so a partial catalog is never published.
   */
  async markSucceeded(id: string): Promise<boolean> {
    return this.update(
      `UPDATE extraction_runs SET status = 'succeeded', finished_at = now(), error_code = NULL, error_message = NULL
        WHERE id = $1 AND status IN ${ACTIVE} AND NOT EXISTS (${MISSING_OBJECTS})`,
      id,
    );
  }

  /** Finishes an active run as failed; false if it was already finished (the first outcome wins). */
  async markFailed(id: string, code: string, message: string): Promise<boolean> {
    return this.update(
      `UPDATE extraction_runs SET status = 'failed', finished_at = now(), error_code = $2, error_message = $3
        WHERE id = $1 AND status IN ${ACTIVE}`,
      id,
      code,
      message,
    );
  }

  private async one(sql: string, params: unknown[]): Promise<ExtractionRun | undefined> {
    const { rows } = await this.pool.query<RunRow>(sql, params);
    return rows[0] && toRun(rows[0]);
  }

  /** Runs an UPDATE whose $1 is the run id; false when no row matched. */
  private async update(sql: string, id: string, ...params: unknown[]): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.pool.query(sql, [id, ...params]);
    return result.rowCount === 1;
  }
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
    status: row.status,
    objectsTotal: row.objects_total,
    objectsDone: row.objects_done,
    fieldsCount: row.fields_count,
    objectsVanished: row.objects_vanished,
    apiCalls: row.api_calls,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
