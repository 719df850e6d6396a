import { randomUUID } from 'node:crypto';
import { type Job, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { enqueueExtract } from './enqueue.ts';
import { jobCatalogue, metadataParts } from './job-catalogue.ts';
import { createQueues, type Queues } from './queues.ts';
import { createProducerRedis, createWorkerRedis } from './redis.ts';
import { addCollectJobs, addDescribeJobs, describeBatches, runJobPriority } from './run-jobs.ts';

const { redisUrl } = serviceUrls();
const prefix = createTestPrefix();
const redis = createProducerRedis(redisUrl);
const workerRedis = createWorkerRedis(redisUrl);
let queues: Queues;
const takers: Worker[] = [];

beforeAll(async () => {
  queues = createQueues(redis, prefix);
  await queues.extract.waitUntilReady();
});

afterAll(async () => {
  await Promise.all(takers.map((taker) => taker.close()));
  await queues.close();
  redis.disconnect();
  workerRedis.disconnect();
  await deletePrefix(redisUrl, prefix);
});

/** A run's extract job, the parent its describe and collect jobs are added under. */
async function runJob(): Promise<{ runId: string; parent: Job }> {
  const runId = randomUUID();
  await enqueueExtract(queues, { runId });
  return { runId, parent: (await queues.extract.getJob(runId))! };
}

const objectNames = (count: number) => Array.from({ length: count }, (_, index) => `O${index}__c`);

/** Takes every job of `queue` one at a time, as a worker with free slots would, and answers their ids in order. */
async function takeAll(queue: string): Promise<string[]> {
  const taker = new Worker(queue, null, { connection: workerRedis, prefix, autorun: false });
  takers.push(taker);
  const ids: string[] = [];
  for (let job = await taker.getNextJob('taker'); job; job = await taker.getNextJob('taker', { block: false })) {
    ids.push(job.id!);
  }
  return ids;
}

describe('run job priorities', () => {
  it("gives a small run's describe jobs to the next free slots, ahead of a big run's queued ones", async () => {
    const big = await runJob();
    const small = await runJob();
    const other = await runJob();
    // The big run is queued first: 10 jobs of 100 objects; then two small ones, 2 jobs of 25 and 1 of 30.
    await addDescribeJobs(queues, big.parent, big.runId, 0, describeBatches(objectNames(1000), 100));
    await addDescribeJobs(queues, small.parent, small.runId, 0, describeBatches(objectNames(50), 25));
    await addDescribeJobs(queues, other.parent, other.runId, 0, describeBatches(objectNames(30), 50));
    // Nothing waits unprioritized, where BullMQ would take it before every prioritized job.
    expect(await queues.describe.getJobCountByTypes('wait')).toBe(0);
    expect(await queues.describe.getJobCountByTypes('prioritized')).toBe(13);

    const order = await takeAll(jobCatalogue.describe.queue);
    expect(order).toEqual([
      // Each run's first objects, in the order the runs were queued…
      `${big.runId}-0`,
      `${small.runId}-0`,
      `${other.runId}-0`,
      // …then the small run's second job (its objects 25 to 49), before the big run's objects 100 to 199.
      `${small.runId}-1`,
      ...Array.from({ length: 9 }, (_, index) => `${big.runId}-${index + 1}`),
    ]);
  });

  it('has runs take turns on their collect jobs, part by part', async () => {
    const first = await runJob();
    const second = await runJob();
    await addCollectJobs(queues, first.parent, first.runId, metadataParts);
    await addCollectJobs(queues, second.parent, second.runId, metadataParts);
    expect(await queues.collect.getJobCountByTypes('wait')).toBe(0);

    const order = await takeAll(jobCatalogue.collect.queue);
    expect(order).toEqual(metadataParts.flatMap((part) => [`${first.runId}-${part}`, `${second.runId}-${part}`]));
  });

  it("stays within BullMQ's range however long the run", () => {
    expect(runJobPriority(0)).toBe(1);
    expect(runJobPriority(2_500)).toBe(2_501);
    expect(runJobPriority(50_000_000)).toBe(2 ** 21 - 1);
    expect(describeBatches(objectNames(250), 100).map((batch) => batch.priority)).toEqual([1, 101, 201]);
  });
});
