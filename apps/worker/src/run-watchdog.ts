import { connectionsWithLiveConnectJobs, requeueConnect } from '@sfmeta/queue/connect-jobs';
import { isRunJobAlive } from '@sfmeta/queue/run-jobs';
import { announceRunOutcome } from './webhooks/announce-run-outcome.ts';
import { requeueLostDeliveries } from './webhooks/requeue-deliveries.ts';
import type { WorkerContext } from './worker-context.ts';
import { type PeriodicCheck, startPeriodicCheck } from './periodic-check.ts';

const lostReason = {
  code: 'RUN_LOST',
  message:
    "The run's jobs were lost (Redis restarted without its data, or they were removed) before it finished; " +
    'start a new extraction',
};

/**
 * Fails active runs whose `extract` job is gone or has ended without ending them, so that none
 * looks alive forever. Runs younger than `lostRunGraceMs` are left alone: the API creates the
 * run first and queues its job just after. Returns the ids of the runs it failed.
 */
export async function failLostRuns(
  context: Pick<WorkerContext, 'config' | 'runs' | 'catalog' | 'webhooks' | 'queues' | 'logger'>,
): Promise<string[]> {
  const before = new Date(Date.now() - context.config.worker.lostRunGraceMs);
  const failed: string[] = [];
  for (const run of await context.runs.activeCreatedBefore(before)) {
    if (await isRunJobAlive(context.queues, run.id)) continue;
    // The first outcome wins: a run that finished meanwhile keeps its own.
    if (await context.runs.markFailed(run.id, lostReason.code, lostReason.message)) {
      context.logger.warn(
        { runId: run.id, connectionId: run.connectionId, code: lostReason.code },
        'run lost: its jobs are gone',
      );
      failed.push(run.id);
      await announceRunOutcome(context, run.id);
    }
  }
  return failed;
}

/**
 * Queues a connect job again for `pending` connections that have none (Redis lost it): without
 * one they would wait forever. Logging in again is harmless, and an OAuth connection's stored
 * authorization code (or refresh token) is still there to use. Returns the connection ids.
 */
export async function requeueLostConnects(
  context: Pick<WorkerContext, 'config' | 'connections' | 'queues' | 'logger'>,
): Promise<string[]> {
  const pending = await context.connections.pendingSince(new Date(Date.now() - context.config.worker.lostRunGraceMs));
  if (pending.length === 0) return [];
  const live = await connectionsWithLiveConnectJobs(context.queues);
  const lost = pending.filter((connection) => !live.has(connection.id));
  for (const connection of lost) {
    await requeueConnect(context.queues, connection.id, connection.updatedAt);
    context.logger.warn({ connectionId: connection.id }, 'connect job lost: queued it again');
  }
  return lost.map((connection) => connection.id);
}

/**
 * Starts the periodic lost-job check of one worker process (runs, then connects, then webhook
 * deliveries): at start, then every `lostRunCheckMs`. Each worker runs its own: a check is a cheap
 * query, and with any worker alive a lost run is failed within `lostRunCheckMs` of its grace period.
 */
export function startRunWatchdog(context: WorkerContext): PeriodicCheck {
  return startPeriodicCheck(
    async () => {
      await failLostRuns(context);
      await requeueLostConnects(context);
      await requeueLostDeliveries(context);
    },
    {
      intervalMs: context.config.worker.lostRunCheckMs,
      logger: context.logger,
      failure: 'lost-run check failed; trying again later',
    },
  );
}
