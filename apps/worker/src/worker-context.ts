import type { CatalogStore } from '@sfmeta/catalog/catalog-store';
import type { ConnectionStore } from '@sfmeta/catalog/connection-store';
import type { ItemStore } from '@sfmeta/catalog/item-store';
import type { LineageStore } from '@sfmeta/catalog/lineage-store';
import type { RunStore } from '@sfmeta/catalog/run-store';
import type { WebhookStore } from '@sfmeta/catalog/webhook-store';
import type { ScheduleStore } from '@sfmeta/catalog/schedule-store';
import type { Config } from '@sfmeta/config/config';
import type { Logger } from '@sfmeta/logger/logger';
import type { Metrics } from '@sfmeta/metrics/metrics';
import type { Queues } from '@sfmeta/queue/queues';
import { SalesforceClient, type SalesforceClientOptions } from '@sfmeta/salesforce/salesforce-client';
import type { SessionPool } from './session-pool.ts';

/** What every processor works with; built once per process by `main.ts` (or a test). */
export interface WorkerContext {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  queues: Queues;
  connections: ConnectionStore;
  runs: RunStore;
  catalog: CatalogStore;
  /** Reports, dashboards, Apex and users. */
  items: ItemStore;
  /** The lineage graph: which components' dependencies a run reads. */
  lineage: LineageStore;
  schedules: ScheduleStore;
  webhooks: WebhookStore;
  sessions: SessionPool;
}

/**
 * A Salesforce client for one connection, on the process's shared session. With a run, each call
 * is added to the run's count before it is sent, so a worker killed mid-crawl loses none.
 */
export function clientFor(
  context: WorkerContext,
  target: { connectionId: string; orgId: string | null; runId?: string },
  patience: Pick<SalesforceClientOptions, 'retry' | 'timeoutMs'> = {},
): SalesforceClient {
  const { connectionId, orgId, runId } = target;
  return new SalesforceClient({
    ...patience,
    sessions: context.sessions.sourceFor(connectionId),
    apiVersion: context.config.salesforce.apiVersion,
    metrics: context.metrics,
    apiBudget: context.config.worker.apiBudgetPercent / 100,
    ...(runId ? { beforeRequest: () => context.runs.addApiCalls(runId, 1) } : {}),
    ...(orgId ? { orgId } : {}),
  });
}
