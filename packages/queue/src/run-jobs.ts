import { type Job, PRIORITY_LIMIT } from 'bullmq';
import { maxObjectsPerDescribeJob } from './describe-batch-size.ts';
import { jobCatalogue, type MetadataPart } from './job-catalogue.ts';
import { queueCall } from './queue-unavailable-error.ts';
import type { Queues } from './queues.ts';

/**
 * The id of one describe job of a run. Round 0 is the first fan-out; later rounds describe what
 * finalizing found missing, under new ids so that they never collide with a finished job.
 */
export function describeJobId(runId: string, round: number, batch: number): string {
  return round === 0 ? `${runId}-${batch}` : `${runId}-r${round}-${batch}`;
}

/**
 * The BullMQ priority of a run's job that comes after `workBefore` units of the run's work (objects for
 * describes, parts for collects): 1 for the first. Lower runs first, and equal priorities run in the order
 * they were queued, so the queues serve runs in turn: the first objects of every run go before the next ones
 * of any, and a small run's few jobs overtake a big run's queued ones. Every run job has one, as BullMQ takes
 * jobs without a priority before all prioritized ones.
 */
export function runJobPriority(workBefore: number): number {
  return Math.min(PRIORITY_LIMIT, workBefore + 1);
}

/** One describe job of a run: its index in the round, its objects, and its priority. */
export interface DescribeBatch {
  batch: number;
  names: string[];
  priority: number;
}

/**
 * Splits names into describe batches of `objectsPerJob` (the run's, see describeBatchSize; 100 for runs
 * whose discover predates it), each prioritized by the position of its first object.
 */
export function describeBatches(
  names: readonly string[],
  objectsPerJob: number = maxObjectsPerDescribeJob,
): DescribeBatch[] {
  const batches: DescribeBatch[] = [];
  for (let start = 0; start < names.length; start += objectsPerJob) {
    const batch = batches.length;
    batches.push({ batch, names: names.slice(start, start + objectsPerJob), priority: runJobPriority(start) });
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
  batches: readonly DescribeBatch[],
): Promise<void> {
  await queues.describe.addBulk(
    batches.map(({ batch, names, priority }) => ({
      name: 'describe' as const,
      data: { runId, batch, names },
      opts: {
        ...jobCatalogue.describe.options,
        jobId: describeJobId(runId, round, batch),
        priority,
        parent: { id: parent.id ?? runId, queue: parent.queueQualifiedName },
        failParentOnFailure: true,
      },
    })),
  );
}

/**
 * Adds one `collect` job per part as children of the run's `extract` job, like the describes. Their ids
 * are fixed per run and part, so a retried discover adds none twice; their priorities follow the parts'
 * order, so that runs take turns on the queue as they do on the describes'.
 */
export async function addCollectJobs(
  queues: Queues,
  parent: Job,
  runId: string,
  parts: readonly MetadataPart[],
): Promise<void> {
  await queues.collect.addBulk(
    parts.map((part, index) => ({
      name: 'collect' as const,
      data: { runId, part },
      opts: {
        ...jobCatalogue.collect.options,
        jobId: `${runId}-${part}`,
        priority: runJobPriority(index),
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
