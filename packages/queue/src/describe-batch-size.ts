import type { Queue } from 'bullmq';

/** The fewest objects a describe job takes: one composite call (25 subrequests, Salesforce's limit). */
export const minObjectsPerDescribeJob = 25;

/**
 * The most: four composite calls, which a job sends at once at the default describe concurrency, and what a
 * worker holds as text while the batch's Tooling facts are read. A run with no more objects than this is
 * described by its extract job itself, with no describe job.
 */
export const maxObjectsPerDescribeJob = 100;

/**
 * How many objects each describe job of a run takes, given the objects and the slots of the fleet (jobs it runs
 * at once). A job's composite calls go out together and its Tooling calls are two whatever its size, so a job
 * of 25 objects takes about as long as one of 100: the crawl takes as many rounds of the fleet as there are
 * jobs per slot. The run gets the fewest rounds that jobs of 100 allow, and within them the objects spread
 * evenly over every slot, in whole composite calls: a big org on a small fleet gets jobs of 100, a fleet with
 * slots to spare more, smaller jobs, down to 25, that finish sooner where CPU or a slow Tooling query is what
 * takes the time. Smaller jobs never add a round, and each added job costs two Tooling calls.
 */
export function describeBatchSize(objects: number, slots: number): number {
  const fleet = Math.max(1, slots);
  const rounds = Math.max(1, Math.ceil(Math.ceil(objects / maxObjectsPerDescribeJob) / fleet));
  const even = Math.ceil(objects / (fleet * rounds));
  const wholeCalls = Math.ceil(even / minObjectsPerDescribeJob) * minObjectsPerDescribeJob;
  return Math.min(maxObjectsPerDescribeJob, Math.max(minObjectsPerDescribeJob, wholeCalls));
}

/**
 * Jobs the fleet runs at once from `queue`: the worker processes listening on it (BullMQ names each one's Redis
 * connection after the queue) times `concurrencyPerWorker`, the asking worker's own, as every worker of a
 * deployment runs with the same settings. One worker's worth when Redis does not list its clients (some hosted
 * Redis refuse CLIENT LIST): the asker, at least, is there.
 */
export async function fleetSlots(queue: Queue, concurrencyPerWorker: number): Promise<number> {
  const workers = await queue.getWorkersCount().catch(() => 1);
  return Math.max(1, workers) * concurrencyPerWorker;
}
