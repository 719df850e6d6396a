import { toExtractionView } from '@sfmeta/catalog/extraction-view';
import { enqueueWebhook } from '@sfmeta/queue/enqueue';
import { hasChanges, type WebhookEvent } from '@sfmeta/webhooks/webhook-events';
import type { WorkerContext } from '../worker-context.ts';

/**
 * Tells the webhooks of a run's connection that the run ended: `extraction.succeeded` or
 * `extraction.failed` with the run as the API shows it, and for a succeeded run whose catalog
 * changed, `catalog.changed` with the change summary. Deliveries are stored first, then queued.
 * Calling it again for the same run adds nothing. It never throws: the run's own outcome is
 * already recorded and must not fail because of a webhook. A delivery stored but not queued
 * (Redis down) stays pending, and requeueLostDeliveries queues it again later.
 */
export async function announceRunOutcome(
  context: Pick<WorkerContext, 'runs' | 'catalog' | 'webhooks' | 'queues' | 'logger' | 'config'>,
  runId: string,
): Promise<void> {
  try {
    const run = await context.runs.get(runId);
    if (!run || (run.status !== 'succeeded' && run.status !== 'failed')) return;
    const subscribed = await context.webhooks.subscribedEvents(run.connectionId);
    if (subscribed.size === 0) return;
    const events: { event: WebhookEvent; payload: unknown }[] = [
      {
        event: run.status === 'succeeded' ? 'extraction.succeeded' : 'extraction.failed',
        payload: toExtractionView(run),
      },
    ];
    if (run.status === 'succeeded' && subscribed.has('catalog.changed')) {
      const summary = await context.catalog.changeSummary(runId);
      if (summary && hasChanges(summary)) events.push({ event: 'catalog.changed', payload: summary });
    }
    const deliveryIds = await context.webhooks.createDeliveries(
      run.connectionId,
      runId,
      events.filter(({ event }) => subscribed.has(event)),
    );
    for (const deliveryId of deliveryIds) {
      await enqueueWebhook(context.queues, { deliveryId }, context.config.webhooks.retryDelayMs).catch(
        (error: unknown) =>
          context.logger.warn({ err: error, runId, deliveryId }, 'webhook delivery not queued; it is retried later'),
      );
    }
  } catch (error) {
    context.logger.error({ err: error, runId }, 'could not announce the run to its webhooks');
  }
}
