import type pg from 'pg';
import { buildLineage } from '@sfmeta/catalog/lineage/build-lineage';
import { readLineageInput } from '@sfmeta/catalog/lineage-input';
import { refreshLineage } from '@sfmeta/catalog/lineage-refresh';
import { publishRun } from '@sfmeta/catalog/publish-run';
import { processCpuMs } from './process-cpu.ts';

/** One timed step: wall time, the bench process's CPU, and the CPU of the PostgreSQL backend that ran it (ms). */
export interface StepTime {
  wallMs: number;
  nodeCpuMs: number;
  postgresCpuMs: number;
}

/** A published run of the catalog, by its connection and seq. */
export interface PublishedRun {
  connectionId: string;
  seq: number;
}

/** The run's seq and listed objects (less those that vanished), as RunStore.markSucceeded publishes it. */
export async function publishedRun(pool: pg.Pool, runId: string): Promise<PublishedRun & { objects: string[] }> {
  const { rows } = await pool.query<{ connection_id: string; seq: string; objects: string[] }>(
    `SELECT connection_id, seq, array(SELECT unnest(listed_objects)
              EXCEPT SELECT name FROM run_vanished_objects WHERE run_id = $1) AS objects
       FROM extraction_runs WHERE id = $1`,
    [runId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no run ${runId}`);
  return { connectionId: row.connection_id, seq: Number(row.seq), objects: row.objects };
}

/**
 * Runs `work` in a transaction that is rolled back, so the catalog is left as it was; `prepare` runs first,
 * untimed (e.g. removing the run's lineage, to publish it again as its first time).
 */
async function timedInRollback<T>(
  pool: pg.Pool,
  prepare: (client: pg.PoolClient) => Promise<unknown>,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<{ time: StepTime; result: T }> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0]!.pid;
    await client.query('BEGIN');
    await prepare(client);
    const postgresBefore = processCpuMs(backend);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await work(client);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const postgresCpuMs = processCpuMs(backend) - postgresBefore;
    return { time: { wallMs, nodeCpuMs: (cpu.user + cpu.system) / 1000, postgresCpuMs }, result };
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

/** Removes the run's own lineage versions, so that publishing it again derives the lineage as the first time. */
const withoutLineage = (run: PublishedRun) => (client: pg.PoolClient) =>
  client.query(
    `DELETE FROM catalog_versions WHERE connection_id = $1 AND from_seq = $2 AND kind IN ('edge', 'lineage_warning')`,
    [run.connectionId, run.seq],
  );
const nothing = async () => {};

/** The steps of publishing a run's lineage, each timed `times` times (interleaved) in rolled-back transactions. */
export interface LineageBuildTimes {
  /** readLineageInput: the catalog's objects, fields, reports, dashboards, triggers and dependency rows. */
  read: StepTime[];
  /** buildLineage on that input: in memory, no SQL. */
  build: StepTime[];
  /** refreshLineage as a first publish: read, build, compare with the current lineage (none), write. */
  refresh: StepTime[];
  /** The whole publishRun (ending superseded versions, then refreshLineage) with the run's lineage removed. */
  publish: StepTime[];
  /** Versions refreshLineage wrote. */
  written: number;
}

/** Times the lineage of a published full run: reading its input, building it, and the refresh and publish. */
export async function timeLineageBuild(
  pool: pg.Pool,
  run: PublishedRun & { objects: string[] },
  times: number,
): Promise<LineageBuildTimes> {
  const out: LineageBuildTimes = { read: [], build: [], refresh: [], publish: [], written: 0 };
  for (let i = 0; i < times; i++) {
    const read = await timedInRollback(pool, nothing, (client) => readLineageInput(client, run.connectionId, run.seq));
    out.read.push(read.time);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    buildLineage(read.result);
    const cpu = process.cpuUsage(cpuBefore);
    out.build.push({
      wallMs: performance.now() - started,
      nodeCpuMs: (cpu.user + cpu.system) / 1000,
      postgresCpuMs: 0,
    });
    const refresh = await timedInRollback(pool, withoutLineage(run), (client) => refreshLineage(client, run));
    out.refresh.push(refresh.time);
    out.written = refresh.result?.written ?? 0;
    const publish = await timedInRollback(pool, withoutLineage(run), (client) =>
      publishRun(client, { ...run, catalogObjects: run.objects }),
    );
    out.publish.push(publish.time);
  }
  return out;
}

/** Times refreshLineage on a run that changed nothing: it must find so and keep the current lineage. */
export async function timeUnchangedRefresh(pool: pg.Pool, run: PublishedRun, times: number) {
  const out: { times: StepTime[]; skipped: boolean } = { times: [], skipped: true };
  for (let i = 0; i < times; i++) {
    const { time, result } = await timedInRollback(pool, nothing, (client) => refreshLineage(client, run));
    out.times.push(time);
    if (result !== null) out.skipped = false;
  }
  return out;
}

/** The median of each of a step's figures. */
export function medianTime(steps: readonly StepTime[]): StepTime {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  return {
    wallMs: median(steps.map((s) => s.wallMs)),
    nodeCpuMs: median(steps.map((s) => s.nodeCpuMs)),
    postgresCpuMs: median(steps.map((s) => s.postgresCpuMs)),
  };
}
