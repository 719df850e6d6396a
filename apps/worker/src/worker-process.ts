import { CatalogStore } from '@sfmeta/catalog/catalog-store';
import { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { createPool } from '@sfmeta/catalog/database';
import { ItemStore } from '@sfmeta/catalog/item-store';
import { LineageStore } from '@sfmeta/catalog/lineage-store';
import { migrate } from '@sfmeta/catalog/migrate';
import { scheduleRetention } from '@sfmeta/queue/retention-schedule';
import { RunStore } from '@sfmeta/catalog/run-store';
import { ScheduleStore } from '@sfmeta/catalog/schedule-store';
import { createSecretBox } from '@sfmeta/catalog/secret-box';
import { WebhookStore } from '@sfmeta/catalog/webhook-store';
import type { Config } from '@sfmeta/config/config';
import type { Logger } from '@sfmeta/logger/logger';
import { createMetrics } from '@sfmeta/metrics/metrics';
import { createQueues } from '@sfmeta/queue/queues';
import { createWorkerRedis } from '@sfmeta/queue/redis';
import { OrgRequestLeases } from '@sfmeta/salesforce/org-request-leases';
import { startMetricsServer } from './metrics-server.ts';
import { startScheduleRestorer } from './restore-schedules.ts';
import { startRunWatchdog } from './run-watchdog.ts';
import { BudgetPauses } from './budget/budget-pauses.ts';
import { SessionPool } from './session-pool.ts';
import type { WorkerContext } from './worker-context.ts';
import { startWorkers } from './workers.ts';

/** A running worker process: its workers, its metrics endpoint, and how to stop it cleanly. */
export interface WorkerProcess {
  context: WorkerContext;
  metricsUrl: string;
  /** Stops taking jobs, lets active ones finish, then closes every connection. */
  close(): Promise<void>;
}

/** Builds everything a worker process needs from its configuration and starts working. */
export async function startWorkerProcess(config: Config, logger: Logger): Promise<WorkerProcess> {
  await migrate(config.databaseUrl, (message) => logger.debug(message));
  const pool = createPool(config.databaseUrl, {
    applicationName: 'sfmeta-worker',
    onError: (error) => logger.warn({ err: error }, 'idle database client failed; the pool reconnects'),
  });
  const box = createSecretBox(config.encryptionKeys);
  const redis = createWorkerRedis({ url: config.redisUrl, cluster: config.redisCluster });
  // ioredis reconnects by itself, retrying every few hundred milliseconds: log the changes, not each attempt.
  let redisHealthy = true;
  redis.on('error', (error) => {
    if (redisHealthy) logger.warn({ err: error }, 'redis unavailable, reconnecting');
    redisHealthy = false;
  });
  redis.on('ready', () => {
    if (!redisHealthy) logger.info('redis reconnected');
    redisHealthy = true;
  });
  const metrics = createMetrics();
  const connections = new ConnectionStore(pool, box);
  const context: WorkerContext = {
    config,
    logger,
    metrics,
    queues: createQueues(redis, config.queuePrefix),
    connections,
    runs: new RunStore(pool),
    catalog: new CatalogStore(pool),
    items: new ItemStore(pool),
    lineage: new LineageStore(pool),
    schedules: new ScheduleStore(pool),
    webhooks: new WebhookStore(pool, box),
    sessions: new SessionPool({ connections, redis, prefix: config.queuePrefix, logger }),
    requestLeases: new OrgRequestLeases({
      redis,
      prefix: config.queuePrefix,
      warn: (message, details) => logger.warn(details, message),
    }),
    budgetPauses: new BudgetPauses(redis, config.queuePrefix),
  };
  const workers = startWorkers(context, redis);
  // Not awaited: without Redis the command waits for it, and start-up must not.
  scheduleRetention(context.queues, config.retention.intervalMs).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not schedule the retention job'),
  );
  const watchdog = startRunWatchdog(context);
  const scheduleRestorer = startScheduleRestorer(context);
  const metricsServer = await startMetricsServer(metrics.registry, {
    host: config.worker.metricsHost,
    port: config.worker.metricsPort,
    token: config.worker.metricsToken,
  });
  logger.info({ metrics: metricsServer.url, concurrency: config.worker.concurrency }, 'worker started');
  return {
    context,
    metricsUrl: metricsServer.url,
    close: async () => {
      await watchdog.close();
      await scheduleRestorer.close();
      await workers.close();
      await metricsServer.close();
      await context.queues.close();
      redis.disconnect();
      await pool.end();
    },
  };
}
