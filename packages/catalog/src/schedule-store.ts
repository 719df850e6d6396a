import type pg from 'pg';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

/** When a schedule ticks: a cron pattern read in a time zone, or a fixed interval. */
export type ScheduleCadence = { cron: string; timezone: string } | { everyMs: number };

/** What a client sets on a connection's schedule. */
export interface ScheduleSettings {
  cadence: ScheduleCadence;
  /** Every `fullEvery`-th run the schedule starts is a full re-crawl; 1: always full. */
  fullEvery: number;
}

/** A connection's extraction schedule with what its ticks did so far. */
export interface Schedule extends ScheduleSettings {
  connectionId: string;
  ticks: number;
  runsStarted: number;
  ticksSkipped: number;
  /** Why the latest skipped tick started nothing; kept after later runs, for the record. */
  lastSkipReason: string | null;
  lastRunId: string | null;
  lastTickAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ScheduleRow {
  connection_id: string;
  cron: string | null;
  timezone: string | null;
  every_ms: string | null;
  full_every: number;
  ticks: number;
  runs_started: number;
  ticks_skipped: number;
  last_skip_reason: string | null;
  last_run_id: string | null;
  last_tick_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Extraction schedules, one per connection, and the count of their ticks. Each count is one
 * UPDATE that adds, so ticks handled by different workers at once are all counted.
 */
export class ScheduleStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Creates or replaces a connection's schedule; its counts are kept across changes. */
  async put(connectionId: string, settings: ScheduleSettings): Promise<Schedule> {
    if (!isUuid(connectionId)) throw notFound(connectionId);
    const { cadence, fullEvery } = settings;
    if (!Number.isSafeInteger(fullEvery) || fullEvery < 1) {
      throw new StoreError('INVALID_INPUT', `fullEvery must be a positive integer, got ${fullEvery}`);
    }
    const columns = 'cron' in cadence ? [cadence.cron, cadence.timezone, null] : [null, null, cadence.everyMs];
    try {
      const { rows } = await this.pool.query<ScheduleRow>(
        `INSERT INTO connection_schedules (connection_id, cron, timezone, every_ms, full_every)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (connection_id) DO UPDATE
           SET cron = excluded.cron, timezone = excluded.timezone, every_ms = excluded.every_ms,
               full_every = excluded.full_every, updated_at = now()
         RETURNING *`,
        [connectionId, ...columns, fullEvery],
      );
      return toSchedule(rows[0] as ScheduleRow);
    } catch (error) {
      if ((error as { code?: string }).code === '23503') throw notFound(connectionId, error);
      if ((error as { code?: string }).code === '23514') {
        throw new StoreError('INVALID_INPUT', `invalid schedule: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }

  async get(connectionId: string): Promise<Schedule | undefined> {
    if (!isUuid(connectionId)) return undefined;
    const { rows } = await this.pool.query<ScheduleRow>('SELECT * FROM connection_schedules WHERE connection_id = $1', [
      connectionId,
    ]);
    return rows[0] && toSchedule(rows[0]);
  }

  /** Every schedule, for the workers that recreate the job schedulers Redis lost. */
  async list(): Promise<Schedule[]> {
    const { rows } = await this.pool.query<ScheduleRow>('SELECT * FROM connection_schedules ORDER BY connection_id');
    return rows.map(toSchedule);
  }

  /** Removes a connection's schedule; false when it had none. */
  async delete(connectionId: string): Promise<boolean> {
    if (!isUuid(connectionId)) return false;
    const result = await this.pool.query('DELETE FROM connection_schedules WHERE connection_id = $1', [connectionId]);
    return result.rowCount === 1;
  }

  /** Counts a tick that started `runId`; false when the schedule is gone. */
  async recordRun(connectionId: string, runId: string): Promise<boolean> {
    return this.update(
      `UPDATE connection_schedules
          SET ticks = ticks + 1, runs_started = runs_started + 1, last_run_id = $2, last_tick_at = now()
        WHERE connection_id = $1`,
      connectionId,
      runId,
    );
  }

  /** Counts a tick that started nothing, and why; false when the schedule is gone. */
  async recordSkip(connectionId: string, reason: string): Promise<boolean> {
    return this.update(
      `UPDATE connection_schedules
          SET ticks = ticks + 1, ticks_skipped = ticks_skipped + 1, last_skip_reason = $2, last_tick_at = now()
        WHERE connection_id = $1`,
      connectionId,
      reason,
    );
  }

  private async update(sql: string, connectionId: string, ...params: unknown[]): Promise<boolean> {
    if (!isUuid(connectionId)) return false;
    const result = await this.pool.query(sql, [connectionId, ...params]);
    return result.rowCount === 1;
  }
}

function notFound(connectionId: string, cause?: unknown): StoreError {
  return new StoreError('CONNECTION_NOT_FOUND', `connection ${connectionId} does not exist`, { cause });
}

function toSchedule(row: ScheduleRow): Schedule {
  const cadence: ScheduleCadence =
    row.cron !== null && row.timezone !== null
      ? { cron: row.cron, timezone: row.timezone }
      : { everyMs: Number(row.every_ms) };
  return {
    connectionId: row.connection_id,
    cadence,
    fullEvery: row.full_every,
    ticks: row.ticks,
    runsStarted: row.runs_started,
    ticksSkipped: row.ticks_skipped,
    lastSkipReason: row.last_skip_reason,
    lastRunId: row.last_run_id,
    lastTickAt: row.last_tick_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
