import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import {
  describeBatchSize,
  fleetSlots,
  maxObjectsPerDescribeJob,
  minObjectsPerDescribeJob,
} from './describe-batch-size.ts';
import { jobCatalogue } from './job-catalogue.ts';
import { createQueues, type Queues } from './queues.ts';
import { createProducerRedis, createWorkerRedis } from './redis.ts';

const jobsFor = (objects: number, size: number) => Math.ceil(objects / size);

describe('describeBatchSize', () => {
  const roundsOf = (objects: number, size: number, slots: number) => Math.ceil(jobsFor(objects, size) / slots);

  it('cuts a 2,008-object org into jobs of 100 for one or two workers, smaller ones for more', () => {
    // Four jobs at once per worker, the default concurrency.
    expect(describeBatchSize(2008, 4)).toBe(100);
    expect(describeBatchSize(2008, 8)).toBe(100);
    // Four workers: two rounds, as with jobs of 100, but 27 jobs of 75 over 16 slots instead of 21 of 100.
    expect(describeBatchSize(2008, 16)).toBe(75);
    expect(jobsFor(2008, 75)).toBe(27);
    // Eight workers: one round.
    expect(describeBatchSize(2008, 32)).toBe(75);
    expect(describeBatchSize(2008, 64)).toBe(50);
    expect(describeBatchSize(2008, 128)).toBe(25);
  });

  it('stays between one composite call and four', () => {
    expect(describeBatchSize(0, 4)).toBe(minObjectsPerDescribeJob);
    expect(describeBatchSize(1, 4)).toBe(minObjectsPerDescribeJob);
    expect(describeBatchSize(58, 8)).toBe(minObjectsPerDescribeJob);
    expect(describeBatchSize(100_000, 1)).toBe(maxObjectsPerDescribeJob);
    expect(describeBatchSize(100_000, 0)).toBe(maxObjectsPerDescribeJob);
  });

  it('takes as few rounds of the fleet as jobs of 100 would, in the smallest whole composite calls that do', () => {
    for (const objects of [30, 58, 250, 646, 999, 2008, 4775, 12_345]) {
      for (const slots of [1, 2, 4, 8, 12, 16, 40, 64]) {
        const size = describeBatchSize(objects, slots);
        expect(size % minObjectsPerDescribeJob).toBe(0);
        const fewest = roundsOf(objects, maxObjectsPerDescribeJob, slots);
        expect(roundsOf(objects, size, slots)).toBe(fewest);
        if (size > minObjectsPerDescribeJob) {
          // One composite call fewer per job would have taken another round.
          expect(roundsOf(objects, size - minObjectsPerDescribeJob, slots)).toBeGreaterThan(fewest);
        }
      }
    }
  });
});

describe('fleetSlots', () => {
  const { redisUrl } = serviceUrls();
  const prefix = createTestPrefix();
  const redis = createProducerRedis(redisUrl);
  let queues: Queues;
  const started: { worker: Worker; connection: Redis }[] = [];

  /** A BullMQ worker on `queue` that takes no job, as a worker process's would listen. */
  const listen = async (queue: string) => {
    const connection = createWorkerRedis(redisUrl);
    const listener = { worker: new Worker(queue, null, { connection, prefix, autorun: false }), connection };
    started.push(listener);
    await listener.worker.waitUntilReady();
    return listener;
  };
  const stop = async ({ worker, connection }: { worker: Worker; connection: Redis }) => {
    await worker.close();
    connection.disconnect();
  };

  beforeAll(async () => {
    queues = createQueues(redis, prefix);
    await queues.describe.waitUntilReady();
  });

  afterAll(async () => {
    await Promise.all(started.map(stop));
    await queues.close();
    redis.disconnect();
    await deletePrefix(redisUrl, prefix);
  });

  it("counts the worker processes listening on the describe queue, times each one's concurrency", async () => {
    // None yet: the asker is one.
    expect(await fleetSlots(queues.describe, 4)).toBe(4);
    const first = await listen(jobCatalogue.describe.queue);
    await listen(jobCatalogue.describe.queue);
    await listen(jobCatalogue.describe.queue);
    // Workers of another queue are not counted.
    await listen(jobCatalogue.collect.queue);
    expect(await fleetSlots(queues.describe, 4)).toBe(12);
    await stop(started.splice(started.indexOf(first), 1)[0]!);
    // Redis drops the closed worker's connection from its list once it has read the QUIT.
    await vi.waitFor(async () => expect(await fleetSlots(queues.describe, 8)).toBe(16), { timeout: 5000 });
  });
});
