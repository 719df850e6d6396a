import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { createQueues, type Queues } from './queues.ts';
import { createProducerRedis } from './redis.ts';
import { scheduleRetention } from './retention-schedule.ts';

describe('scheduleRetention', () => {
  const { redisUrl } = serviceUrls();
  const prefix = createTestPrefix();
  const redis = createProducerRedis(redisUrl);
  let queues: Queues;

  beforeAll(async () => {
    queues = createQueues(redis, prefix);
    await queues.retention.waitUntilReady();
  });

  afterAll(async () => {
    await queues.close();
    redis.disconnect();
    await deletePrefix(redisUrl, prefix);
  });

  it('keeps one scheduler however many workers start, with the latest interval', async () => {
    await Promise.all([scheduleRetention(queues, 60_000), scheduleRetention(queues, 60_000)]);
    await scheduleRetention(queues, 120_000);
    const schedulers = await queues.retention.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: 'retention', every: 120_000 });
    const jobs = await queues.retention.getJobs(['delayed', 'waiting']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.name).toBe('retention');
    expect(jobs[0]?.data).toEqual({});
  });
});
