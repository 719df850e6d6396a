import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { createPool } from '@sfmeta/catalog/database';
import { migrate } from '@sfmeta/catalog/migrate';
import { RunStore } from '@sfmeta/catalog/run-store';
import { ScheduleStore } from '@sfmeta/catalog/schedule-store';
import { createSecretBox } from '@sfmeta/catalog/secret-box';
import { createLogger } from '@sfmeta/logger/logger';
import { jobCatalogue, type JobPayload } from '@sfmeta/queue/job-catalogue';
import { parsePayload } from '@sfmeta/queue/parse-payload';
import { createQueues, type Queues } from '@sfmeta/queue/queues';
import { createProducerRedis, createWorkerRedis } from '@sfmeta/queue/redis';
import { nextScheduledRun, schedulerId, upsertSchedule } from '@sfmeta/queue/schedules';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestDatabase, type TestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { processScheduleTick, scheduledRunMode } from './schedule-tick.ts';

describe('scheduledRunMode', () => {
  it('crawls the first run and every fullEvery-th after it in full', () => {
    const modes = Array.from({ length: 15 }, (_, runsStarted) => scheduledRunMode(runsStarted, 7));
    expect(modes.map((mode, index) => (mode === 'full' ? index : -1)).filter((index) => index >= 0)).toEqual([
      0, 7, 14,
    ]);
    expect(modes.filter((mode) => mode === 'incremental')).toHaveLength(12);
  });

  it('always crawls in full with fullEvery 1, and alternates with 2', () => {
    expect([0, 1, 2, 3].map((n) => scheduledRunMode(n, 1))).toEqual(['full', 'full', 'full', 'full']);
    expect([0, 1, 2, 3].map((n) => scheduledRunMode(n, 2))).toEqual(['full', 'incremental', 'full', 'incremental']);
  });
});

describe('processScheduleTick', () => {
  const { redisUrl, databaseUrl } = serviceUrls();
  const prefix = createTestPrefix();
  const redis = createProducerRedis(redisUrl);
  const logger = createLogger({ name: 'test', level: 'silent' });
  let database: TestDatabase;
  let pool: pg.Pool;
  let queues: Queues;
  let context: Parameters<typeof processScheduleTick>[0];

  beforeAll(async () => {
    database = await createTestDatabase(databaseUrl);
    await migrate(database.url);
    pool = createPool(database.url);
    queues = createQueues(redis, prefix);
    await queues.schedule.waitUntilReady();
    const connections = new ConnectionStore(pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    context = { logger, queues, connections, runs: new RunStore(pool), schedules: new ScheduleStore(pool) };
  });

  afterAll(async () => {
    await queues?.close();
    redis.disconnect();
    await pool?.end();
    await database?.drop();
    await deletePrefix(redisUrl, prefix);
  });

  /** A connection, connected unless told otherwise, with a schedule every hour. */
  const scheduledConnection = async ({ connected = true, fullEvery = 7 } = {}) => {
    const { id } = await context.connections.create({
      host: 'https://acme.my.salesforce.com',
      authType: 'oauth',
      consumerKey: 'k',
      consumerSecret: 's',
    });
    if (connected) {
      await context.connections.markConnected(id, {
        orgId: '00D000000000001AAA',
        userId: '005000000000001AAA',
        instanceUrl: 'https://acme.my.salesforce.com',
        accessToken: 'SECRET-access-token',
      });
    }
    await context.schedules.put(id, { cadence: { everyMs: 3_600_000 }, fullEvery });
    return id;
  };

  /** Runs one tick as a worker would, on a real job of the schedule queue. */
  const tick = async (connectionId: string) => {
    const job = await queues.schedule.add('schedule', { connectionId });
    return processScheduleTick(context, parsePayload('schedule', job.data), job);
  };

  it('starts a run and queues its extract job; a tick while it is active is skipped and counted', async () => {
    const connectionId = await scheduledConnection();
    const first = await tick(connectionId);
    expect(first).toMatchObject({ mode: 'full' });
    const runId = 'runId' in first ? first.runId : '';
    expect(await context.runs.get(runId)).toMatchObject({ connectionId, status: 'queued', trigger: 'schedule' });
    expect((await queues.extract.getJob(runId))?.data).toEqual({ runId });

    expect(await tick(connectionId)).toEqual({ skipped: `run ${runId} is still queued` });
    expect(await context.schedules.get(connectionId)).toMatchObject({
      ticks: 2,
      runsStarted: 1,
      ticksSkipped: 1,
      lastRunId: runId,
      lastSkipReason: `run ${runId} is still queued`,
    });
  });

  it('chooses full or incremental by the count of runs the schedule started', async () => {
    const connectionId = await scheduledConnection({ fullEvery: 2 });
    const modes: string[] = [];
    for (let n = 0; n < 3; n++) {
      const outcome = await tick(connectionId);
      if (!('runId' in outcome)) throw new Error(`tick ${n} skipped: ${outcome.skipped}`);
      const run = await context.runs.get(outcome.runId);
      modes.push(run?.mode ?? 'none');
      await context.runs.markFailed(outcome.runId, 'TEST', 'ended by the test');
    }
    expect(modes).toEqual(['full', 'incremental', 'full']);
  });

  it('skips a connection that is not connected, and says why', async () => {
    const connectionId = await scheduledConnection({ connected: false });
    expect(await tick(connectionId)).toEqual({ skipped: 'connection is awaiting_authorization' });
    expect(await context.runs.activeFor(connectionId)).toBeUndefined();
    expect(await context.schedules.get(connectionId)).toMatchObject({
      ticks: 1,
      runsStarted: 0,
      ticksSkipped: 1,
      lastSkipReason: 'connection is awaiting_authorization',
    });
  });

  it('removes the job scheduler of a connection that no longer exists', async () => {
    const connectionId = await scheduledConnection();
    await upsertSchedule(queues, connectionId, { everyMs: 3_600_000 });
    expect(await nextScheduledRun(queues, connectionId)).toBeInstanceOf(Date);
    await context.connections.delete(connectionId);
    expect(await tick(connectionId)).toEqual({ skipped: 'no schedule' });
    expect(await queues.schedule.getJobScheduler(schedulerId(connectionId))).toBeUndefined();
  });

  it('starts at most one run while two workers race through ticks every second', async () => {
    const connectionId = await scheduledConnection();
    // Two worker processes' worth: each its own Redis connection, each taking four ticks at once.
    const connections = [createWorkerRedis(redisUrl), createWorkerRedis(redisUrl)];
    const workers = connections.map(
      (connection) =>
        new Worker<JobPayload<'schedule'>, unknown, 'schedule'>(
          jobCatalogue.schedule.queue,
          (job) => processScheduleTick(context, parsePayload('schedule', job.data), job),
          { connection, prefix, concurrency: 4 },
        ),
    );
    try {
      await upsertSchedule(queues, connectionId, { everyMs: 1000 });
      // Extra ticks at once, so that both workers' slots start runs for the connection together.
      await queues.schedule.addBulk(Array.from({ length: 12 }, () => ({ name: 'schedule', data: { connectionId } })));
      const deadline = Date.now() + 20_000;
      while (((await context.schedules.get(connectionId))?.ticks ?? 0) < 15 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      for (const connection of connections) connection.disconnect();
    }
    const schedule = await context.schedules.get(connectionId);
    expect(schedule?.ticks).toBeGreaterThanOrEqual(15);
    expect(schedule).toMatchObject({ runsStarted: 1, ticksSkipped: (schedule?.ticks ?? 0) - 1 });
    expect(await context.runs.listFor(connectionId, 10)).toHaveLength(1);
  });
});
