import type { Job } from 'bullmq';
import { jobCatalogue, type MetadataPart } from './job-catalogue.ts';
import { queueCall } from './queue-unavailable-error.ts';
import type { Queues } from './queues.ts';

/** Objects per `describe` job: four composite calls, so a big org spreads over many workers. */
export const objectsPerDescribeJob = 100;

/**
 * The id of one describe job of a run. Round 0 is the first fan-out; later rounds describe what
 * finalizing found missing, under new ids so that they never collide with a finished job.
 */
export function describeJobId(runId: string, round: number, batch: number): string {
  return round === 0 ? `${runId}-${batch}` : `${runId}-r${round}-${batch}`;
}

/** Splits names into describe batches of `objectsPerDescribeJob`. */
export function describeBatches(names: readonly string[]): string[][] {
  const batches: string[][] = [];
  for (let start = 0; start < names.length; start += objectsPerDescribeJob) {
    batches.push(names.slice(start, start + objectsPerDescribeJob));
  }
  return batches;
}

/**
 * Adds describe jobs as children of the run's `extract` job, which BullMQ runs again once they
 * are all done. A child that fails for good fails the parent, and so the run.
 */
export async function addDescribeJobs(
  queues: Queues,
  parent: Job,
  runId: string,
  round: number,
  batches: ReadonlyArray<{ batch: number; names: string[] }>,
): Promise<void> {
  await queues.describe.addBulk(
    batches.map(({ batch, names }) => ({
      name: 'describe' as const,
      data: { runId, batch, names },
      opts: {
        ...jobCatalogue.describe.options,
        jobId: describeJobId(runId, round, batch),
        parent: { id: parent.id ?? runId, queue: parent.queueQualifiedName },
        failParentOnFailure: true,
      },
    })),
  );
}

/**
 * Adds one `collect` job per part as children of the run's `extract` job, like the describes. Their ids
 * are fixed per run and part, so a retried discover adds none twice.
 */
export async function addCollectJobs(
  queues: Queues,
  parent: Job,
  runId: string,
  parts: readonly MetadataPart[],
): Promise<void> {
  await queues.collect.addBulk(
    parts.map((part) => ({
      name: 'collect' as const,
      data: { runId, part },
      opts: {
        ...jobCatalogue.collect.options,
        jobId: `${runId}-${part}`,
        parent: { id: parent.id ?? runId, queue: parent.queueQualifiedName },
        failParentOnFailure: true,
      },
    })),
  );
}

/**
 * True while the run's `extract` job can still finish the run: it exists, has not ended, and, when
 * it waits for describe jobs, each of them still exists (a child whose key was evicted or deleted
 * outside BullMQ would keep it waiting forever). False when Redis lost it (a restart without
 * persistence), someone removed it, or it ended without ending the run.
 */
export async function isRunJobAlive(queues: Queues, runId: string): Promise<boolean> {
  return queueCall(async () => {
    const state = await queues.extract.getJobState(runId);
    if (state === 'unknown' || state === 'completed' || state === 'failed') return false;
    if (state !== 'waiting-children') return true;
    const parent = await queues.extract.getJob(runId);
    const { unprocessed = [] } = (await parent?.getDependencies({ unprocessed: { count: 10_000 } })) ?? {};
    const byName = new Map(queues.all().map((queue) => [queue.name, queue]));
    for (const key of unprocessed) {
      // `prefix:queue:id`
      const [queueName, childId] = key.split(':').slice(-2);
      const queue = queueName === undefined ? undefined : byName.get(queueName);
      if (!queue || childId === undefined || !(await queue.getJob(childId))) return false;
    }
    return true;
  });
}

/**
 * Shows on the run's `extract` job the share of its describe jobs that are done, where the
 * dashboard reads it: one Redis call, no count over the catalog.
 */
export async function reportRunJobProgress(queues: Queues, runId: string): Promise<void> {
  const parent = await queues.extract.getJob(runId);
  if (!parent) return;
  const { processed = 0, unprocessed = 0 } = await parent.getDependenciesCount({ processed: true, unprocessed: true });
  const total = processed + unprocessed;
  if (total > 0) await parent.updateProgress(Math.round((processed / total) * 100));
}
