import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { createPool } from '@sfmeta/catalog/database';
import { migrate } from '@sfmeta/catalog/migrate';
import { ScheduleStore, type ScheduleCadence } from '@sfmeta/catalog/schedule-store';
import { createSecretBox } from '@sfmeta/catalog/secret-box';
import { loadConfig } from '@sfmeta/config/config';
import { createLogger } from '@sfmeta/logger/logger';
import { cronRuns } from '@sfmeta/queue/cadence';
import { createQueues, type Queues } from '@sfmeta/queue/queues';
import { createProducerRedis, createWorkerRedis } from '@sfmeta/queue/redis';
import { nextScheduledRun, removeSchedule, schedulerId, upsertSchedule } from '@sfmeta/queue/schedules';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestDatabase, type TestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { restoreSchedules, startScheduleRestorer } from './restore-schedules.ts';

const HOUR = 3_600_000;

describe('restoreSchedules', () => {
  const { redisUrl, databaseUrl } = serviceUrls();
  const prefix = createTestPrefix();
  const redis = createProducerRedis(redisUrl);
  const config = loadConfig({
    SFMETA_ENCRYPTION_KEYS: `k:${randomBytes(32).toString('base64')}`,
    SFMETA_LOST_RUN_CHECK_MS: '100',
  });
  const logger = createLogger({ name: 'test', level: 'silent' });
  let database: TestDatabase;
  let pool: pg.Pool;
  let queues: Queues;
  let connections: ConnectionStore;
  let schedules: ScheduleStore;
  let deps: Parameters<typeof restoreSchedules>[0];

  beforeAll(async () => {
    database = await createTestDatabase(databaseUrl);
    await migrate(database.url);
    pool = createPool(database.url);
    queues = createQueues(redis, prefix);
    await queues.schedule.waitUntilReady();
    connections = new ConnectionStore(pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    schedules = new ScheduleStore(pool);
    deps = { config, queues, schedules, logger };
  });

  afterAll(async () => {
    await queues?.close();
    redis.disconnect();
    await pool?.end();
    await database?.drop();
    await deletePrefix(redisUrl, prefix);
  });

  /** A connection with a stored schedule; with its job scheduler too when `inRedis`, as the API leaves it. */
  const storedSchedule = async (cadence: ScheduleCadence, { inRedis = true } = {}) => {
    const { id } = await connections.create({
      host: 'https://acme.my.salesforce.com',
      authType: 'oauth',
      consumerKey: 'k',
      consumerSecret: 's',
    });
    await schedules.put(id, { cadence, fullEvery: 7 });
    if (inRedis) await upsertSchedule(queues, id, cadence);
    return id;
  };

  /** The next job each connection's scheduler has queued, by connection id. */
  const nextJobs = async () => {
    const jobs = await queues.schedule.getJobs(['delayed', 'waiting']);
    return jobs.map((job) => ({ connectionId: job.data.connectionId, id: job.id, timestamp: job.timestamp }));
  };

  it('restores a lost scheduler with its next tick, and leaves an existing one and its next job alone', async () => {
    const lost = await storedSchedule({ everyMs: HOUR });
    await removeSchedule(queues, lost);
    const neverQueued = await storedSchedule({ cron: '0 3 * * *', timezone: 'Asia/Tokyo' }, { inRedis: false });
    const existing = await storedSchedule({ everyMs: 2 * HOUR });
    const existingNext = await nextScheduledRun(queues, existing);
    const [existingJob] = (await nextJobs()).filter((job) => job.connectionId === existing);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const before = Date.now();
    const restored = await restoreSchedules(deps);
    expect(restored.connectionIds.sort()).toEqual([lost, neverQueued].sort());
    expect(restored.retention).toBe(true);

    const lostNext = (await nextScheduledRun(queues, lost))?.getTime();
    expect(lostNext).toBeGreaterThanOrEqual(before + HOUR);
    expect(lostNext).toBeLessThanOrEqual(Date.now() + HOUR);
    expect(await nextScheduledRun(queues, neverQueued)).toEqual(cronRuns('0 3 * * *', 'Asia/Tokyo', 1)[0]);
    expect(await queues.schedule.getJobScheduler(schedulerId(neverQueued))).toMatchObject({
      pattern: '0 3 * * *',
      tz: 'Asia/Tokyo',
      template: { data: { connectionId: neverQueued } },
    });
    expect(await nextScheduledRun(queues, existing)).toEqual(existingNext);
    // Upserting again would have replaced the next job with a new one.
    expect((await nextJobs()).filter((job) => job.connectionId === existing)).toEqual([existingJob]);
    expect(await queues.retention.getJobSchedulers()).toHaveLength(1);

    expect(await restoreSchedules(deps)).toEqual({ connectionIds: [], retention: false });
  });

  it('restores every stored schedule after the prefix is wiped, but not one deleted from PostgreSQL', async () => {
    const kept = await storedSchedule({ everyMs: HOUR });
    const deleted = await storedSchedule({ everyMs: HOUR });
    await schedules.delete(deleted);
    await deletePrefix(redisUrl, prefix);
    expect(await queues.schedule.getJobSchedulers()).toEqual([]);

    const restored = await restoreSchedules(deps);
    expect(restored.connectionIds).toContain(kept);
    expect(restored.connectionIds).not.toContain(deleted);
    expect(restored.connectionIds.sort()).toEqual((await schedules.list()).map((s) => s.connectionId).sort());
    expect(await nextScheduledRun(queues, kept)).toBeInstanceOf(Date);
    expect(await queues.schedule.getJobScheduler(schedulerId(deleted))).toBeUndefined();
    expect(await queues.retention.getJobScheduler('retention')).toMatchObject({ every: config.retention.intervalMs });
  });

  it('makes one scheduler and one next job per schedule when several workers restore at once', async () => {
    await storedSchedule({ everyMs: HOUR });
    await storedSchedule({ cron: '30 4 * * *', timezone: 'Europe/Paris' });
    await deletePrefix(redisUrl, prefix);
    // Three worker processes' worth, each on its own Redis connection.
    const workerRedis = [1, 2, 3].map(() => createWorkerRedis(redisUrl));
    const workerQueues = workerRedis.map((connection) => createQueues(connection, prefix));
    try {
      await Promise.all(workerQueues.map((each) => each.schedule.waitUntilReady()));
      await Promise.all(workerQueues.map((each) => restoreSchedules({ ...deps, queues: each })));
    } finally {
      await Promise.all(workerQueues.map((each) => each.close()));
      for (const connection of workerRedis) connection.disconnect();
    }
    const stored = (await schedules.list()).map((schedule) => schedule.connectionId).sort();
    expect((await queues.schedule.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual(
      stored.map(schedulerId).sort(),
    );
    expect((await nextJobs()).map((job) => job.connectionId).sort()).toEqual(stored);
    expect(await queues.retention.getJobSchedulers()).toHaveLength(1);
    expect(await queues.retention.getJobs(['delayed', 'waiting'])).toHaveLength(1);
  });

  it('checks at start, then again every lostRunCheckMs', async () => {
    const connectionId = await storedSchedule({ everyMs: HOUR }, { inRedis: false });
    const waitForScheduler = async () => {
      const deadline = Date.now() + 5000;
      while (!(await nextScheduledRun(queues, connectionId)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return nextScheduledRun(queues, connectionId);
    };
    const restorer = startScheduleRestorer(deps);
    try {
      expect(await waitForScheduler()).toBeInstanceOf(Date);
      await deletePrefix(redisUrl, prefix);
      expect(await waitForScheduler()).toBeInstanceOf(Date);
    } finally {
      await restorer.close();
    }
  });
});
