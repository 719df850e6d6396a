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
import type { OrgRequestLeases } from '@sfmeta/salesforce/org-request-leases';
import type { RequestSlots } from '@sfmeta/salesforce/request-slots';
import { SalesforceClient, type SalesforceClientOptions } from '@sfmeta/salesforce/salesforce-client';
import type { SessionPool } from './session-pool.ts';
import type { BudgetPauses } from './budget/budget-pauses.ts';

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
  /** Slots for the requests in flight to each org, shared by every worker process through Redis. */
  requestLeases: OrgRequestLeases;
  /** Orgs whose daily API budget is spent: their runs' jobs wait (shared by every worker, in Redis). */
  budgetPauses: BudgetPauses;
}

/**
 * A Salesforce client for one connection, on the process's shared session. With a run, each call
 * is added to the run's count before it is sent, so a worker killed mid-crawl loses none. Each
 * request takes one of its org's slots, fleet-wide (requestSlotsFor).
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
    requestSlots: requestSlotsFor(context, connectionId, orgId),
    ...(runId ? { beforeRequest: () => context.runs.addApiCalls(runId, 1) } : {}),
    ...(orgId ? { orgId } : {}),
  });
}

/**
 * The org's request slots: keyed by org, so that several connections to one org share them, or by connection
 * until a first login tells the org. The limit is the connection's own or the configured default, read when the
 * client sends its first request: a change applies to the jobs that start after it.
 */
function requestSlotsFor(context: WorkerContext, connectionId: string, orgId: string | null): RequestSlots {
  let limit: Promise<number> | undefined;
  const readLimit = async () => {
    const connection = await context.connections.get(connectionId);
    return connection?.maxConcurrentRequests ?? context.config.worker.orgMaxConcurrentRequests;
  };
  return context.requestLeases.slotsFor(orgId ?? connectionId, () => {
    // A failed read is not kept: the next request asks again.
    limit ??= readLimit().catch((error: unknown) => {
      limit = undefined;
      throw error;
    });
    return limit;
  });
}
