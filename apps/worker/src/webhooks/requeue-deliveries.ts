import { enqueueWebhook } from '@sfmeta/queue/enqueue';
import type { WorkerContext } from '../worker-context.ts';

/** A delivery pending for this long without a job may have been stored while Redis was away. */
const REQUEUE_AFTER_MS = 60_000;

/**
 * Queues again the pending deliveries older than a minute, a batch at a time, oldest first. Their
 * job id is the delivery id, so one whose job still exists (waiting out its backoff) is not added
 * twice; only those whose job was never added or was lost with Redis get a new one. Part of the
 * worker's periodic lost-job check. Returns how many it looked at.
 */
export async function requeueLostDeliveries(
  context: Pick<WorkerContext, 'config' | 'webhooks' | 'queues' | 'logger'>,
  limit = 100,
): Promise<number> {
  const pending = await context.webhooks.pendingCreatedBefore(new Date(Date.now() - REQUEUE_AFTER_MS), limit);
  for (const deliveryId of pending) {
    await enqueueWebhook(context.queues, { deliveryId }, context.config.webhooks.retryDelayMs);
  }
  return pending.length;
}
