import { DelayedError } from 'bullmq';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import type { JobOf } from '../handler.ts';
import type { WorkerContext } from '../worker-context.ts';

/** How long a describe job that gave way waits before it may be taken again. */
export const giveWayMs = 1000;

/**
 * Fairness across runs: while a run with fewer objects is under way, a bigger run keeps one describe job going
 * (its earliest one taken) and its others give way, put off for a second each time they are taken, so that the
 * smaller crawl gets the slots and the CPU. Every run keeps a job going, so none starves; a run alone, or among
 * runs as big or bigger, never gives way. The small run's own describes need no slot (an org of at most 100
 * objects is described by its extract job), so this is about CPU: on a saturated fleet every describe job of
 * a big crawl slows every other job's steps.
 */
export async function giveWayToSmallerRuns(
  context: WorkerContext,
  run: Pick<ExtractionRun, 'id' | 'objectsTotal'>,
  job: JobOf<'describe'>,
  token: string | undefined,
): Promise<void> {
  if (run.objectsTotal === null || token === undefined) return;
  // One query answers the common case (no smaller run): the fleet's active jobs are read only when there is one.
  if (!(await context.runs.smallerRunUnderway(run.id, run.objectsTotal))) return;
  const priority = job.opts.priority ?? 0;
  const active = await context.queues.describe.getActive();
  const earlierOfRun = active.some(
    (other) => other.id !== job.id && other.data.runId === run.id && (other.opts.priority ?? 0) < priority,
  );
  if (!earlierOfRun) return;
  await job.moveToDelayed(Date.now() + giveWayMs, token);
  context.metrics.describeGiveWays.inc();
  throw new DelayedError();
}
