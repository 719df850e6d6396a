import { queueCall } from './queue-unavailable-error.ts';
import type { Queues } from './queues.ts';
import type { JobPayload } from './job-catalogue.ts';

/**
 * Queues a `connect` job. Every request gets its own: a callback that arrives while an earlier
 * connect job runs brings a new code, which a deduplicated job would never exchange. A `jobId`
 * makes adds of the same job one (BullMQ ignores an add whose id exists).
 */
export async function enqueueConnect(queues: Queues, payload: JobPayload<'connect'>, jobId?: string): Promise<void> {
  queues.assertReachable();
  await queueCall(() => queues.connect.add('connect', payload, jobId === undefined ? {} : { jobId }));
}

/** Queues the `extract` job of a run; the run id is the job id, so a run is queued once. */
export async function enqueueExtract(queues: Queues, payload: JobPayload<'extract'>): Promise<void> {
  queues.assertReachable();
  await queueCall(() => queues.extract.add('extract', payload, { jobId: payload.runId }));
}

/**
 * Queues the delivery of a webhook. The delivery id is the job id, so queueing it again while its
 * job exists adds nothing; `retryDelayMs` (SFMETA_WEBHOOK_RETRY_DELAY_MS) is the first retry's delay.
 */
export async function enqueueWebhook(
  queues: Queues,
  payload: JobPayload<'webhook'>,
  retryDelayMs?: number,
): Promise<void> {
  queues.assertReachable();
  const backoff = retryDelayMs === undefined ? {} : { backoff: { type: 'exponential', delay: retryDelayMs } };
  await queueCall(() => queues.webhook.add('webhook', payload, { jobId: payload.deliveryId, ...backoff }));
}
