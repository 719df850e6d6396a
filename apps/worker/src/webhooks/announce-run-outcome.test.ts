import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toExtractionView } from '@sfmeta/catalog/extraction-view';
import { accountDescribe, customObjectDescribe } from '@sfmeta/catalog/fixtures/describes';
import { storeCatalog } from '@sfmeta/catalog/fixtures/stored-catalog';
import { generateWebhookSecret } from '@sfmeta/webhooks/webhook-signature';
import type { WorkerProcess } from '../worker-process.ts';
import { announceRunOutcome } from './announce-run-outcome.ts';
import { type Receiver, startReceiver, startWebhookWorker, waitFor } from './fixtures/webhook-harness.ts';
import { requeueLostDeliveries } from './requeue-deliveries.ts';

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

async function newConnection(): Promise<string> {
  const connection = await worker.context.connections.create({
    host: 'acme.my.salesforce.com',
    authType: 'oauth',
    consumerKey: 'k',
    consumerSecret: 's',
  });
  return connection.id;
}

/** The events received at `path`, in order of arrival, as parsed bodies. */
const received = (path: string) =>
  receiver.requests
    .filter((request) => request.path === path)
    .map((request) => JSON.parse(request.body) as { event: string; data: Record<string, unknown> });

describe('announceRunOutcome', () => {
  it('announces a succeeded run, and catalog.changed only when its catalog changed', async () => {
    const connectionId = await newConnection();
    const { webhooks, runs, catalog } = worker.context;
    const all = await webhooks.create({
      connectionId,
      url: `${receiver.url}/ok-all`,
      events: ['extraction.succeeded', 'extraction.failed', 'catalog.changed'],
      secret: generateWebhookSecret(),
    });
    await webhooks.create({
      connectionId,
      url: `${receiver.url}/ok-failures`,
      events: ['extraction.failed'],
      secret: generateWebhookSecret(),
    });

    const first = await storeCatalog({ runs, catalog }, connectionId, [accountDescribe()]);
    await announceRunOutcome(worker.context, first.id);
    await announceRunOutcome(worker.context, first.id);
    const events = await waitFor(async () => {
      const bodies = received('/ok-all');
      return bodies.length >= 2 ? bodies : undefined;
    }, 'both events');
    expect(events.map((body) => body.event).sort()).toEqual(['catalog.changed', 'extraction.succeeded']);
    const succeeded = events.find((body) => body.event === 'extraction.succeeded');
    expect(succeeded?.data).toEqual(JSON.parse(JSON.stringify(toExtractionView((await runs.get(first.id))!))));
    expect(succeeded?.data).toMatchObject({ id: first.id, status: 'succeeded' });
    const changed = events.find((body) => body.event === 'catalog.changed');
    expect(changed?.data).toEqual({
      fromRunId: null,
      toRunId: first.id,
      objects: expect.objectContaining({ added: 1 }),
      fields: expect.objectContaining({ added: expect.any(Number) }),
      reports: { added: 0, removed: 0, changed: 0 },
      dashboards: { added: 0, removed: 0, changed: 0 },
      apexClasses: { added: 0, removed: 0, changed: 0 },
      apexTriggers: { added: 0, removed: 0, changed: 0 },
    });
    expect(received('/ok-failures')).toEqual([]);

    // The same catalog again: the run is announced, with no catalog.changed.
    const second = await storeCatalog({ runs, catalog }, connectionId, [accountDescribe()]);
    expect(await catalog.changeSummary(second.id)).toMatchObject({ fromRunId: first.id });
    await announceRunOutcome(worker.context, second.id);
    await waitFor(async () => received('/ok-all').length >= 3, 'the second run');

    // A new object: changed again, from the previous catalog.
    const third = await storeCatalog({ runs, catalog }, connectionId, [
      accountDescribe(),
      customObjectDescribe('Invoice__c', 3),
    ]);
    await announceRunOutcome(worker.context, third.id);
    await waitFor(async () => received('/ok-all').length >= 5, 'the third run');
    const deliveries = await webhooks.listDeliveries(all.id, { limit: 10 });
    expect(deliveries.map((delivery) => [delivery.runId, delivery.event]).sort()).toEqual(
      [
        [first.id, 'extraction.succeeded'],
        [first.id, 'catalog.changed'],
        [second.id, 'extraction.succeeded'],
        [third.id, 'extraction.succeeded'],
        [third.id, 'catalog.changed'],
      ].sort(),
    );
    const lastChange = received('/ok-all').find(
      (body) => body.event === 'catalog.changed' && body.data.toRunId === third.id,
    );
    expect(lastChange?.data).toMatchObject({ fromRunId: second.id, objects: { added: 1, removed: 0 } });
    await waitFor(
      async () => (await webhooks.listDeliveries(all.id, { limit: 10 })).every((d) => d.status === 'delivered'),
      'every delivery delivered',
    );
  });

  it('announces a failed run to every webhook subscribed to failures, and nothing for an active run', async () => {
    const connectionId = await newConnection();
    const { webhooks, runs } = worker.context;
    for (const [path, events] of [
      ['/ok-f1', ['extraction.failed']],
      ['/ok-f2', ['extraction.succeeded', 'extraction.failed', 'catalog.changed']],
      ['/ok-f3', ['extraction.succeeded']],
    ] as const) {
      await webhooks.create({ connectionId, url: `${receiver.url}${path}`, events, secret: generateWebhookSecret() });
    }
    const { run } = await runs.startOrGetActive(connectionId);
    await announceRunOutcome(worker.context, run.id);
    await runs.markFailed(run.id, 'INVALID_SESSION_ID', 'Session expired or invalid');
    await announceRunOutcome(worker.context, run.id);

    await waitFor(async () => received('/ok-f1').length === 1 && received('/ok-f2').length === 1, 'both');
    const [failed] = received('/ok-f2');
    expect(failed).toMatchObject({
      event: 'extraction.failed',
      data: {
        id: run.id,
        status: 'failed',
        error: { code: 'INVALID_SESSION_ID', message: 'Session expired or invalid' },
      },
    });
    expect(received('/ok-f3')).toEqual([]);
  });

  it('never throws into its caller', async () => {
    await expect(announceRunOutcome(worker.context, 'not-a-run')).resolves.toBeUndefined();
    const { run } = await worker.context.runs.startOrGetActive(await newConnection());
    await worker.context.runs.markFailed(run.id, 'X', 'no webhooks');
    await expect(announceRunOutcome(worker.context, run.id)).resolves.toBeUndefined();
  });
});

describe('requeueLostDeliveries', () => {
  it('queues again a pending delivery older than a minute whose job is gone', async () => {
    const connectionId = await newConnection();
    const { webhooks, runs } = worker.context;
    const webhook = await webhooks.create({
      connectionId,
      url: `${receiver.url}/ok-lost`,
      events: ['extraction.failed'],
      secret: generateWebhookSecret(),
    });
    const { run } = await runs.startOrGetActive(connectionId);
    await runs.markFailed(run.id, 'X', 'x');
    // Stored, but its job never made it to Redis.
    const [deliveryId] = await webhooks.createDeliveries(connectionId, run.id, [
      { event: 'extraction.failed', payload: {} },
    ]);
    expect(await requeueLostDeliveries(worker.context)).toBe(0);
    await harness.query(`UPDATE webhook_deliveries SET created_at = now() - interval '2 minutes' WHERE id = $1`, [
      deliveryId,
    ]);
    expect(await requeueLostDeliveries(worker.context)).toBeGreaterThanOrEqual(1);
    await waitFor(async () => received('/ok-lost').length === 1, 'the lost delivery');
    const [delivery] = await webhooks.listDeliveries(webhook.id, { limit: 1 });
    await waitFor(
      async () => (await webhooks.listDeliveries(webhook.id, { limit: 1 }))[0]?.status === 'delivered',
      'delivered',
    );
    expect(delivery?.id).toBe(deliveryId);
    // Queued again while delivered: nothing is sent twice.
    await requeueLostDeliveries(worker.context);
    expect(received('/ok-lost')).toHaveLength(1);
  });
});
