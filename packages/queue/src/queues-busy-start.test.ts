import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { enqueueExtract } from './enqueue.ts';
import { createQueues } from './queues.ts';
import { createProducerRedis } from './redis.ts';

const { redisUrl } = serviceUrls();
const prefix = createTestPrefix();
// A short command timeout, so that the test can keep the event loop busy for longer than it.
const redis = createProducerRedis(redisUrl, { commandTimeout: 200 });
const queues = createQueues(redis, prefix);

afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await deletePrefix(redisUrl, prefix);
});

it('takes jobs after a start-up that kept the event loop busy for longer than the command timeout', async () => {
  // The API compiles its schemas and routes right after opening the queues: a loaded machine can
  // take seconds. Whatever the queues asked Redis then is answered only once the loop is free again.
  await new Promise((resolve) => redis.once('ready', resolve));
  // What the queues send once connected has left by now.
  await new Promise((resolve) => setImmediate(resolve));
  const busyUntil = Date.now() + 600;
  while (Date.now() < busyUntil) {
    // Busy, as compiling is.
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  const runId = randomUUID();
  await enqueueExtract(queues, { runId });
  expect((await queues.extract.getJob(runId))?.data).toEqual({ runId });
});
