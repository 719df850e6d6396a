import { randomUUID } from 'node:crypto';
import { FlowProducer, UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { enqueueConnect, enqueueExtract } from './enqueue.ts';
import { parsePayload } from './parse-payload.ts';
import { QueueUnavailableError } from './queue-unavailable-error.ts';
import { createQueues, type Queues } from './queues.ts';
import { createProducerRedis } from './redis.ts';
import { addDescribeJobs, describeBatches, describeJobId, isRunJobAlive } from './run-jobs.ts';

const { redisUrl } = serviceUrls();
const prefix = createTestPrefix();
let queues: Queues;
const redis = createProducerRedis(redisUrl);

beforeAll(async () => {
  queues = createQueues(redis, prefix);
  await queues.extract.waitUntilReady();
});

afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await deletePrefix(redisUrl, prefix);
});

describe('queue contract', () => {
  it('queues a run once, whatever the number of requests', async () => {
    const runId = randomUUID();
    await enqueueExtract(queues, { runId });
    await enqueueExtract(queues, { runId });
    expect(await queues.extract.getJobCountByTypes('waiting')).toBe(1);
    const job = await queues.extract.getJob(runId);
    expect(job?.data).toEqual({ runId });
    expect(job?.opts.attempts).toBe(5);
  });

  it('queues a connect job per request, carrying the connection id only', async () => {
    const connectionId = randomUUID();
    await enqueueConnect(queues, { connectionId });
    await enqueueConnect(queues, { connectionId });
    const jobs = await queues.connect.getJobs(['waiting']);
    expect(jobs.filter((job) => job.data.connectionId === connectionId)).toHaveLength(2);
    expect(jobs.map((job) => job.data)).toContainEqual({ connectionId });
  });

  it('rejects malformed payloads as unrecoverable', () => {
    expect(() => parsePayload('extract', { runId: 'nope' })).toThrow(UnrecoverableError);
    expect(() => parsePayload('connect', { connectionId: randomUUID(), password: 'x' })).toThrow(/Malformed connect/);
    const ok = { runId: randomUUID(), batch: 0, names: ['Account'] };
    expect(parsePayload('describe', ok)).toBe(ok);
  });

  it('fails fast when Redis is unreachable', async () => {
    const unreachable = createProducerRedis('redis://127.0.0.1:1', { lazyConnect: true });
    unreachable.on('error', () => {});
    const offline = createQueues(unreachable, prefix);
    await expect(enqueueExtract(offline, { runId: randomUUID() })).rejects.toThrow(QueueUnavailableError);
    unreachable.disconnect();
  });

  it("tells whether a run's extract job can still finish it", async () => {
    const runId = randomUUID();
    expect(await isRunJobAlive(queues, runId)).toBe(false);
    await enqueueExtract(queues, { runId });
    expect(await isRunJobAlive(queues, runId)).toBe(true);
    await queues.extract.remove(runId);
    expect(await isRunJobAlive(queues, runId)).toBe(false);
  });

  it('takes a run whose job waits for a describe job that no longer exists for lost', async () => {
    const runId = randomUUID();
    const flows = new FlowProducer({ connection: redis, prefix });
    await flows.add({
      name: 'extract',
      queueName: 'extract',
      data: { runId },
      opts: { jobId: runId },
      children: [
        {
          name: 'describe',
          queueName: 'describe',
          data: { runId, batch: 0, names: ['A'] },
          opts: { jobId: `${runId}-0` },
        },
      ],
    });
    await flows.close();
    expect(await queues.extract.getJobState(runId)).toBe('waiting-children');
    expect(await isRunJobAlive(queues, runId)).toBe(true);
    // What an eviction, or a DEL by hand, does: the child's key is gone and nobody tells the parent.
    await redis.del(`${prefix}:describe:${runId}-0`);
    expect(await isRunJobAlive(queues, runId)).toBe(false);
  });

  it('adds describe batches as children of the run job, under ids per round', async () => {
    const runId = randomUUID();
    await enqueueExtract(queues, { runId });
    const parent = (await queues.extract.getJob(runId))!;
    const names = Array.from({ length: 150 }, (_, index) => `O${index}__c`);
    const batches = describeBatches(names);
    expect(batches.map((batch) => batch.names.length)).toEqual([100, 50]);
    await addDescribeJobs(queues, parent, runId, 2, batches);
    const child = await queues.describe.getJob(describeJobId(runId, 2, 1));
    expect(child?.data).toEqual({ runId, batch: 1, names: names.slice(100) });
    expect(child?.parent?.id).toBe(runId);
    expect(describeJobId(runId, 0, 3)).toBe(`${runId}-3`);
    expect(await parent.getDependenciesCount()).toMatchObject({ unprocessed: 2 });
  });
});
