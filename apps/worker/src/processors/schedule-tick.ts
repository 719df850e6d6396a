import type { RunMode } from '@sfmeta/catalog/run-store';
import { enqueueExtract } from '@sfmeta/queue/enqueue';
import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import { removeSchedule } from '@sfmeta/queue/schedules';
import type { WorkerContext } from '../worker-context.ts';
import type { JobOf } from '../handler.ts';

/**
 * The mode of the next run a schedule starts, given how many it started before: the first one
 * and every `fullEvery`-th after it crawl in full, so a fresh schedule starts from a whole
 * catalog; the others are incremental. `fullEvery` 1: always full.
 */
export function scheduledRunMode(runsStarted: number, fullEvery: number): RunMode {
  return runsStarted % fullEvery === 0 ? 'full' : 'incremental';
}

export type TickOutcome = { runId: string; mode: RunMode } | { skipped: string };

/**
 * One tick of a connection's schedule: starts a run unless the connection is not connected or
 * already has an active run (the run store's unique index decides between workers racing), and
 * counts the tick either way. A tick whose schedule is gone (its connection deleted) removes its
 * job scheduler, so it never ticks again.
 */
export async function processScheduleTick(
  context: Pick<WorkerContext, 'logger' | 'queues' | 'connections' | 'runs' | 'schedules'>,
  { connectionId }: JobPayload<'schedule'>,
  job: JobOf<'schedule'>,
): Promise<TickOutcome> {
  const log = context.logger.child({ connectionId, jobId: job.id });
  const schedule = await context.schedules.get(connectionId);
  const connection = schedule && (await context.connections.get(connectionId));
  if (!schedule || !connection) {
    await removeSchedule(context.queues, connectionId);
    log.info('schedule or connection gone: removed its job scheduler');
    return { skipped: 'no schedule' };
  }
  const skip = async (reason: string): Promise<TickOutcome> => {
    await context.schedules.recordSkip(connectionId, reason);
    log.info({ reason }, 'scheduled tick skipped');
    return { skipped: reason };
  };
  if (connection.status !== 'connected') return skip(`connection is ${connection.status}`);
  // Ticks racing for one connection may read the same count; only the one that creates the run uses it.
  const mode = scheduledRunMode(schedule.runsStarted, schedule.fullEvery);
  const { run, created } = await context.runs.startOrGetActive(connectionId, { mode, trigger: 'schedule' });
  if (!created) return skip(`run ${run.id} is still ${run.status}`);
  try {
    await enqueueExtract(context.queues, { runId: run.id });
  } catch (error) {
    // As the API does: a run without its job would block the connection until the watchdog saw it.
    await context.runs
      .markFailed(run.id, 'QUEUE_UNAVAILABLE', 'the job queue was unavailable when the schedule started the run')
      .catch((cleanup: unknown) => log.error({ err: cleanup, runId: run.id }, 'cleanup failed'));
    throw error;
  }
  await context.schedules.recordRun(connectionId, run.id);
  log.info({ runId: run.id, mode }, 'scheduled run started');
  return { runId: run.id, mode };
}
