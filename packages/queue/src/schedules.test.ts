import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { cadenceProblem, cronRuns } from './cadence.ts';
import { QueueUnavailableError } from './queue-unavailable-error.ts';
import { createQueues, type Queues } from './queues.ts';
import { createProducerRedis } from './redis.ts';
import { nextScheduledRun, removeSchedule, schedulerId, upsertSchedule } from './schedules.ts';

const FIVE_MINUTES = 300_000;

describe('cadenceProblem', () => {
  it('accepts cron patterns in known time zones and intervals at the minimum', () => {
    expect(cadenceProblem({ cron: '0 3 * * *', timezone: 'Europe/Paris' }, FIVE_MINUTES)).toBeUndefined();
    expect(cadenceProblem({ cron: '*/5 * * * *', timezone: 'UTC' }, FIVE_MINUTES)).toBeUndefined();
    expect(cadenceProblem({ cron: '@daily', timezone: 'America/New_York' }, FIVE_MINUTES)).toBeUndefined();
    expect(cadenceProblem({ everyMs: FIVE_MINUTES }, FIVE_MINUTES)).toBeUndefined();
  });

  it.each([
    [{ cron: '61 * * * *', timezone: 'UTC' }, /cron "61 \* \* \* \*" is not a valid cron expression: .*range 0-59/],
    [{ cron: 'every day', timezone: 'UTC' }, /is not a valid cron expression/],
    [{ cron: '0 0 30 2 *', timezone: 'UTC' }, /is not a valid cron expression/],
    [
      { cron: '0 3 * * *', timezone: 'Mars/Olympus_Mons' },
      /timezone "Mars\/Olympus_Mons" is not a known IANA time zone/,
    ],
    [{ cron: '* * * * *', timezone: 'UTC' }, /runs 1 min apart: the minimum interval is 5 min/],
    [{ cron: '0,1 3 * * *', timezone: 'UTC' }, /runs 1 min apart/],
    [{ cron: '*/10 * * * * *', timezone: 'UTC' }, /runs 10 s apart/],
    [{ everyMs: 60_000 }, /an interval of 1 min is too short: the minimum interval is 5 min/],
  ])('refuses %j', (cadence, message) => {
    expect(cadenceProblem(cadence, FIVE_MINUTES)).toMatch(message);
  });

  it('reads a pattern in its time zone', () => {
    const [run] = cronRuns('0 3 * * *', 'Europe/Paris', 1, new Date('2025-01-15T12:00:00Z'));
    expect(run?.toISOString()).toBe('2025-01-16T02:00:00.000Z');
    const [summer] = cronRuns('0 3 * * *', 'Europe/Paris', 1, new Date('2025-07-15T12:00:00Z'));
    expect(summer?.toISOString()).toBe('2025-07-16T01:00:00.000Z');
  });
});

describe('job schedulers', () => {
  const { redisUrl } = serviceUrls();
  const prefix = createTestPrefix();
  const redis = createProducerRedis(redisUrl);
  let queues: Queues;

  beforeAll(async () => {
    queues = createQueues(redis, prefix);
    await queues.schedule.waitUntilReady();
  });

  afterAll(async () => {
    await queues.close();
    redis.disconnect();
    await deletePrefix(redisUrl, prefix);
  });

  it('schedules a cron pattern in its zone, with the connection id as the only data', async () => {
    const connectionId = randomUUID();
    const next = await upsertSchedule(queues, connectionId, { cron: '0 3 * * *', timezone: 'Asia/Tokyo' });
    expect(next).toEqual(cronRuns('0 3 * * *', 'Asia/Tokyo', 1)[0]);
    const scheduler = await queues.schedule.getJobScheduler(schedulerId(connectionId));
    expect(scheduler).toMatchObject({ pattern: '0 3 * * *', tz: 'Asia/Tokyo', template: { data: { connectionId } } });
    const [job] = await queues.schedule.getJobs(['delayed']);
    expect(job?.name).toBe('schedule');
    expect(job?.data).toEqual({ connectionId });
    expect(job?.opts.attempts).toBe(3);
  });

  it('first ticks an interval one interval from now, and keeps its slot when set again', async () => {
    const connectionId = randomUUID();
    const before = Date.now();
    const next = await upsertSchedule(queues, connectionId, { everyMs: 3_600_000 });
    expect(next?.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(next?.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(await upsertSchedule(queues, connectionId, { everyMs: 3_600_000 })).toEqual(next);

    const switched = await upsertSchedule(queues, connectionId, { cron: '0 3 * * *', timezone: 'UTC' });
    expect(switched).toEqual(cronRuns('0 3 * * *', 'UTC', 1)[0]);
    expect((await queues.schedule.getJobScheduler(schedulerId(connectionId)))?.every).toBeUndefined();
  });

  it('removes a scheduler with its next job', async () => {
    const connectionId = randomUUID();
    await upsertSchedule(queues, connectionId, { everyMs: 3_600_000 });
    const delayed = await queues.schedule.getDelayedCount();
    expect(await removeSchedule(queues, connectionId)).toBe(true);
    expect(await removeSchedule(queues, connectionId)).toBe(false);
    expect(await nextScheduledRun(queues, connectionId)).toBeNull();
    expect(await queues.schedule.getDelayedCount()).toBe(delayed - 1);
  });

  it('fails fast when Redis is unreachable', async () => {
    const unreachable = createProducerRedis('redis://127.0.0.1:1', { lazyConnect: true });
    unreachable.on('error', () => {});
    const offline = createQueues(unreachable, prefix);
    await expect(upsertSchedule(offline, randomUUID(), { everyMs: 60_000 })).rejects.toThrow(QueueUnavailableError);
    await expect(nextScheduledRun(offline, randomUUID())).rejects.toThrow(QueueUnavailableError);
    unreachable.disconnect();
  });
});
