import type { DeliveryAttempt, OutgoingDelivery } from '@sfmeta/catalog/webhook-store';
import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import { WEBHOOK_HEADERS, type WebhookBody } from '@sfmeta/webhooks/webhook-events';
import { signWebhook } from '@sfmeta/webhooks/webhook-signature';
import { createWebhookUrlPolicy } from '@sfmeta/webhooks/webhook-url-policy';
import type { JobOf } from '../handler.ts';
import { isFinalAttempt } from '../job-failure.ts';
import { postWebhook } from '../webhooks/post-webhook.ts';
import type { WorkerContext } from '../worker-context.ts';

/** An attempt the receiver did not accept; BullMQ retries the job with backoff until its last attempt. */
class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
}

/**
 * Sends one delivery: POSTs the signed body to the webhook's URL and records the attempt. A 2xx
 * answer delivers it; anything else (another status, a refused address, a network error, no answer
 * in time) is recorded and thrown for a retry, and after the last attempt the delivery is `failed`.
 * A delivery whose webhook was deleted meanwhile, or that is no longer pending, is left alone.
 */
export async function processWebhookDelivery(
  context: WorkerContext,
  { deliveryId }: JobPayload<'webhook'>,
  job: JobOf<'webhook'>,
): Promise<unknown> {
  const outgoing = await context.webhooks.outgoing(deliveryId);
  if (!outgoing) return { skipped: 'webhook deleted' };
  if (outgoing.delivery.status !== 'pending') return { skipped: `already ${outgoing.delivery.status}` };
  const result = await attempt(context, outgoing);
  const final = isFinalAttempt(job);
  await context.webhooks.recordAttempt(deliveryId, { ...result, final });
  const where = { deliveryId, webhookId: outgoing.delivery.webhookId, event: outgoing.delivery.event };
  if (result.delivered) {
    context.logger.info({ ...where, status: result.status }, 'webhook delivered');
    return { delivered: true, status: result.status };
  }
  if (final) context.logger.warn({ ...where, error: result.error }, 'webhook delivery failed for good');
  throw new WebhookDeliveryError(result.error ?? 'the webhook was not delivered');
}

async function attempt(context: WorkerContext, outgoing: OutgoingDelivery): Promise<Omit<DeliveryAttempt, 'final'>> {
  const { delivery } = outgoing;
  const body: WebhookBody = {
    id: delivery.id,
    event: delivery.event,
    createdAt: delivery.createdAt.toISOString(),
    connectionId: outgoing.connectionId,
    data: outgoing.payload,
  };
  const text = JSON.stringify(body);
  const policy = createWebhookUrlPolicy({ allowedOrigins: context.config.webhooks.allowedOrigins });
  try {
    const status = await postWebhook(policy, outgoing.url, {
      body: text,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'sfmeta-webhooks',
        [WEBHOOK_HEADERS.event]: delivery.event,
        [WEBHOOK_HEADERS.delivery]: delivery.id,
        // Signed as it is sent, so that the timestamp is fresh on every retry.
        [WEBHOOK_HEADERS.signature]: signWebhook(outgoing.secret, text),
      },
      timeoutMs: context.config.webhooks.timeoutMs,
    });
    const delivered = status >= 200 && status < 300;
    return { delivered, status, error: delivered ? null : `the receiver answered ${status}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { delivered: false, status: null, error: message.slice(0, 500) };
  }
}
