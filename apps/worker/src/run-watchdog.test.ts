import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '@sfmeta/catalog/catalog-store';
import { WebhookStore } from '@sfmeta/catalog/webhook-store';
import { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { createPool } from '@sfmeta/catalog/database';
import { migrate } from '@sfmeta/catalog/migrate';
import { RunStore } from '@sfmeta/catalog/run-store';
import { createSecretBox } from '@sfmeta/catalog/secret-box';
import { loadConfig } from '@sfmeta/config/config';
import { createLogger } from '@sfmeta/logger/logger';
import { enqueueExtract } from '@sfmeta/queue/enqueue';
import { createQueues, type Queues } from '@sfmeta/queue/queues';
import { createProducerRedis } from '@sfmeta/queue/redis';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestDatabase, type TestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { failLostRuns } from './run-watchdog.ts';

describe('failLostRuns', () => {
  const prefix = createTestPrefix();
  const redis = createProducerRedis(serviceUrls().redisUrl);
  let database: TestDatabase;
  let pool: pg.Pool;
  let queues: Queues;
  beforeAll(async () => {
    database = await createTestDatabase(serviceUrls().databaseUrl);
    await migrate(database.url);
    pool = createPool(database.url);
    queues = createQueues(redis, prefix);
    await queues.extract.waitUntilReady();
  });
  afterAll(async () => {
    await queues?.close();
    redis.disconnect();
    await pool?.end();
    await database?.drop();
    await deletePrefix(serviceUrls().redisUrl, prefix);
  });

  it('fails active runs past the grace whose job is gone, and only those (a delayed job is alive)', async () => {
    const box = createSecretBox([{ id: 'k', key: randomBytes(32) }]);
    const connections = new ConnectionStore(pool, box);
    const runs = new RunStore(pool);
    const newRun = async (ageMinutes: number) => {
      const connection = await connections.create({
        host: 'h.my.salesforce.com',
        authType: 'oauth',
        consumerKey: 'k',
        consumerSecret: 's',
      });
      const { run } = await runs.startOrGetActive(connection.id);
      await pool.query('UPDATE extraction_runs SET created_at = now() - make_interval(mins => $2) WHERE id = $1', [
        run.id,
        ageMinutes,
      ]);
      return run.id;
    };
    const lost = await newRun(5);
    const alive = await newRun(5);
    const young = await newRun(0);
    await enqueueExtract(queues, { runId: alive });
    // Waiting for API budget: its job is delayed until the budget is checked again, which is alive.
    const waiting = await newRun(5);
    const lostWhileWaiting = await newRun(5);
    const resumeAt = new Date(Date.now() + 3_600_000);
    for (const runId of [waiting, lostWhileWaiting]) {
      await runs.markWaitingForBudget(runId, resumeAt, new Date(resumeAt.getTime() + 60_000));
    }
    await queues.extract.add('extract', { runId: waiting }, { jobId: waiting, delay: 3_600_000 });

    const config = loadConfig({
      SFMETA_ENCRYPTION_KEYS: `k:${randomBytes(32).toString('base64')}`,
      SFMETA_LOST_RUN_GRACE_MS: '60000',
    });
    const logger = createLogger({ name: 'test', level: 'silent' });
    const stores = { catalog: new CatalogStore(pool), webhooks: new WebhookStore(pool, box) };
    expect((await failLostRuns({ config, runs, queues, logger, ...stores })).sort()).toEqual(
      [lost, lostWhileWaiting].sort(),
    );
    expect(await runs.get(lost)).toMatchObject({ status: 'failed', errorCode: 'RUN_LOST' });
    expect(await runs.get(lostWhileWaiting)).toMatchObject({ status: 'failed', errorCode: 'RUN_LOST' });
    expect((await runs.get(waiting))?.status).toBe('waiting_for_api_budget');
    expect((await runs.get(alive))?.status).toBe('queued');
    expect((await runs.get(young))?.status).toBe('queued');
  });
});
