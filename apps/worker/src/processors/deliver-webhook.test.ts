import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '@sfmeta/catalog/webhook-store';
import { enqueueWebhook } from '@sfmeta/queue/enqueue';
import { generateWebhookSecret, verifyWebhookSignature } from '@sfmeta/webhooks/webhook-signature';
import { type Receiver, startReceiver, startWebhookWorker, waitFor } from '../webhooks/fixtures/webhook-harness.ts';
import type { WorkerProcess } from '../worker-process.ts';

let receiver: Receiver;
let harness: Awaited<ReturnType<typeof startWebhookWorker>>;
let worker: WorkerProcess;
beforeAll(async () => {
  receiver = await startReceiver();
  harness = await startWebhookWorker(receiver);
  worker = harness.worker;
});
afterAll(async () => {
  await harness?.close();
  await receiver?.close();
});

/** A failed run of a new connection with one webhook at `url`, and its queued delivery. */
async function queueDelivery(url: string) {
  const { connections, runs, webhooks } = worker.context;
  const connection = await connections.create({
    host: 'acme.my.salesforce.com',
    authType: 'oauth',
    consumerKey: 'k',
    consumerSecret: 's',
  });
  const secret = generateWebhookSecret();
  const webhook = await webhooks.create({ connectionId: connection.id, url, events: ['extraction.failed'], secret });
  const { run } = await runs.startOrGetActive(connection.id);
  await runs.markFailed(run.id, 'TEST_FAILURE', 'failed for the test');
  const [deliveryId] = await webhooks.createDeliveries(connection.id, run.id, [
    { event: 'extraction.failed', payload: { id: run.id, status: 'failed' } },
  ]);
  if (!deliveryId) throw new Error('no delivery was created');
  await enqueueWebhook(worker.context.queues, { deliveryId }, worker.context.config.webhooks.retryDelayMs);
  return { connectionId: connection.id, runId: run.id, webhookId: webhook.id, deliveryId, secret };
}

async function settled(webhookId: string): Promise<WebhookDelivery> {
  return waitFor(async () => {
    const [delivery] = await worker.context.webhooks.listDeliveries(webhookId, { limit: 1 });
    return delivery && delivery.status !== 'pending' ? delivery : undefined;
  }, 'the delivery to settle');
}

const to = (path: string) => receiver.requests.filter((request) => request.path === path);

describe('processWebhookDelivery', () => {
  it('POSTs the signed event once and records it delivered on a 2xx', async () => {
    const { connectionId, runId, webhookId, deliveryId, secret } = await queueDelivery(`${receiver.url}/ok-1`);
    expect(await settled(webhookId)).toMatchObject({
      id: deliveryId,
      status: 'delivered',
      attempts: 1,
      lastStatus: 200,
      lastError: null,
      deliveredAt: expect.any(Date),
    });
    const [request, ...more] = to('/ok-1');
    expect(more).toEqual([]);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'sfmeta-event': 'extraction.failed',
      'sfmeta-delivery': deliveryId,
      'sfmeta-signature': expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/),
    });
    expect(JSON.parse(request?.body ?? '')).toEqual({
      id: deliveryId,
      event: 'extraction.failed',
      createdAt: expect.any(String),
      connectionId,
      data: { id: runId, status: 'failed' },
    });
    const signed = { body: request?.body ?? '', header: request?.headers['sfmeta-signature'] as string, secret };
    expect(verifyWebhookSignature(signed)).toBe(true);
    expect(verifyWebhookSignature({ ...signed, body: signed.body.replace('failed', 'succeeded') })).toBe(false);
    expect(verifyWebhookSignature({ ...signed, now: Math.floor(Date.now() / 1000) + 600 })).toBe(false);

    // The job carries the delivery id only; the secret is in no log line.
    expect((await worker.context.queues.webhook.getJob(deliveryId))?.data).toEqual({ deliveryId });
    expect(harness.logs.join('\n')).not.toContain(secret);
  });

  it('retries a failing receiver with backoff until it answers, recording every attempt', async () => {
    const { webhookId, deliveryId } = await queueDelivery(`${receiver.url}/flaky-1`);
    expect(await settled(webhookId)).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatus: 200,
      lastError: null,
    });
    const attempts = to('/flaky-1');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((request) => request.headers['sfmeta-delivery']))).toEqual(new Set([deliveryId]));
  });

  it('gives up after the last attempt and records the delivery failed', async () => {
    const { webhookId } = await queueDelivery(`${receiver.url}/down-1`);
    expect(await settled(webhookId)).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastStatus: 500,
      lastError: 'the receiver answered 500',
      deliveredAt: null,
    });
    expect(to('/down-1')).toHaveLength(8);
  });

  it('does not follow redirects', async () => {
    const before = to('/ok').length;
    const { webhookId } = await queueDelivery(`${receiver.url}/redirect-1`);
    expect(await settled(webhookId)).toMatchObject({ status: 'failed', lastStatus: 302 });
    expect(to('/ok').length).toBe(before);
  });

  it('checks the address again when it delivers: a name now resolving to loopback is never called', async () => {
    // Stored directly, as if the name had resolved to a public address when it was registered.
    const port = new URL(receiver.url).port;
    const { webhookId } = await queueDelivery(`https://${hostname()}:${port}/ok-rebound`);
    const delivery = await settled(webhookId);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 8, lastStatus: null });
    expect(delivery.lastError).toMatch(new RegExp(`the host ${hostname()} resolves to .*(loopback|private)`));
    expect(to('/ok-rebound')).toEqual([]);
  });

  it('sends nothing for a delivery whose webhook was deleted', async () => {
    const { connectionId, webhookId, deliveryId } = await queueDelivery(`${receiver.url}/down-deleted`);
    await worker.context.webhooks.delete(connectionId, webhookId);
    await waitFor(async () => (await worker.context.queues.webhook.getJobState(deliveryId)) === 'completed', 'job');
    expect(to('/down-deleted').length).toBeLessThanOrEqual(1);
  });
});
