import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';
import { StoreError } from './store-error.ts';
import { WebhookStore } from './webhook-store.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';

type Database = Awaited<ReturnType<typeof createCatalogDatabase>>;

const box = createSecretBox([{ id: 'k', key: randomBytes(32) }]);

describe('WebhookStore', () => {
  let database: Database;
  let webhooks: WebhookStore;
  let connections: ConnectionStore;
  let runs: RunStore;
  beforeAll(async () => {
    database = await createCatalogDatabase();
    webhooks = new WebhookStore(database.pool, box);
    connections = new ConnectionStore(database.pool, box);
    runs = new RunStore(database.pool);
  });
  afterAll(async () => {
    await database?.close();
  });

  const newConnection = () => createOAuthConnection(connections);

  it('keeps the secret sealed, and answers webhooks without it', async () => {
    const connectionId = await newConnection();
    const webhook = await webhooks.create({
      connectionId,
      url: 'https://hooks.example.com/in',
      events: ['extraction.failed', 'extraction.failed'],
      secret: 'whsec_the-secret',
    });
    expect(webhook).toEqual({
      id: expect.any(String),
      connectionId,
      url: 'https://hooks.example.com/in',
      events: ['extraction.failed'],
      createdAt: expect.any(Date),
    });
    const { rows } = await database.pool.query('SELECT secret_enc FROM webhooks WHERE id = $1', [webhook.id]);
    expect(rows[0].secret_enc).toMatch(/^v1\.k\./);
    expect(JSON.stringify(rows)).not.toContain('the-secret');
    expect(await webhooks.list(connectionId)).toEqual([webhook]);
    expect(await webhooks.get(connectionId, webhook.id)).toEqual(webhook);
    expect(await webhooks.get(await newConnection(), webhook.id)).toBeUndefined();
    expect(await webhooks.get(connectionId, 'nope')).toBeUndefined();
  });

  it('refuses an unknown connection', async () => {
    for (const id of [randomUUID(), 'nope']) {
      const error = await webhooks
        .create({ connectionId: id, url: 'https://x.example.com', events: ['catalog.changed'], secret: 's' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('CONNECTION_NOT_FOUND');
    }
  });

  it('creates one delivery per subscribed webhook and event, once per run', async () => {
    const connectionId = await newConnection();
    const all = await webhooks.create({
      connectionId,
      url: 'https://a.example.com',
      events: ['extraction.succeeded', 'extraction.failed', 'catalog.changed'],
      secret: 'whsec_a',
    });
    const failures = await webhooks.create({
      connectionId,
      url: 'https://b.example.com',
      events: ['extraction.failed'],
      secret: 'whsec_b',
    });
    expect(await webhooks.subscribedEvents(connectionId)).toEqual(
      new Set(['extraction.succeeded', 'extraction.failed', 'catalog.changed']),
    );
    const { run } = await runs.startOrGetActive(connectionId);
    const events = [
      { event: 'extraction.succeeded' as const, payload: { id: run.id } },
      { event: 'catalog.changed' as const, payload: { toRunId: run.id } },
    ];
    const ids = await webhooks.createDeliveries(connectionId, run.id, events);
    expect(ids).toHaveLength(2);
    expect(await webhooks.createDeliveries(connectionId, run.id, events)).toEqual([]);
    expect(await webhooks.listDeliveries(failures.id, { limit: 10 })).toEqual([]);

    const outgoing = await webhooks.outgoing(ids[0] as string);
    expect(outgoing).toMatchObject({
      connectionId,
      url: 'https://a.example.com',
      secret: 'whsec_a',
      delivery: { webhookId: all.id, runId: run.id, status: 'pending', attempts: 0 },
    });
    expect(await webhooks.outgoing(randomUUID())).toBeUndefined();
  });

  it('records attempts until delivered or failed, and pages the history newest first', async () => {
    const connectionId = await newConnection();
    const webhook = await webhooks.create({
      connectionId,
      url: 'https://a.example.com',
      events: ['extraction.failed'],
      secret: 'whsec_a',
    });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { run } = await runs.startOrGetActive(connectionId);
      await runs.markFailed(run.id, 'X', 'x');
      ids.push(
        ...(await webhooks.createDeliveries(connectionId, run.id, [{ event: 'extraction.failed', payload: {} }])),
      );
    }
    const [first, second, third] = ids as [string, string, string];
    expect(await webhooks.recordAttempt(first, { delivered: false, status: 500, error: 'boom', final: false })).toBe(
      true,
    );
    expect(await webhooks.recordAttempt(first, { delivered: true, status: 204, error: null, final: false })).toBe(true);
    expect(await webhooks.recordAttempt(first, { delivered: true, status: 204, error: null, final: false })).toBe(
      false,
    );
    await webhooks.recordAttempt(second, { delivered: false, status: null, error: 'ECONNREFUSED', final: true });

    const history = await webhooks.listDeliveries(webhook.id, { limit: 2 });
    expect(history.map((delivery) => delivery.id)).toEqual([third, second]);
    expect(history[1]).toMatchObject({ status: 'failed', attempts: 1, lastStatus: null, lastError: 'ECONNREFUSED' });
    const older = await webhooks.listDeliveries(webhook.id, { limit: 2, before: second });
    expect(older).toEqual([
      expect.objectContaining({
        id: first,
        status: 'delivered',
        attempts: 2,
        lastStatus: 204,
        lastError: null,
        deliveredAt: expect.any(Date),
        lastAttemptAt: expect.any(Date),
      }),
    ]);

    await database.pool.query(`UPDATE webhook_deliveries SET created_at = now() - interval '5 minutes'`);
    const pending = await webhooks.pendingCreatedBefore(new Date(Date.now() - 60_000), 100);
    expect(pending).toContain(third);
    expect(pending).not.toContain(first);
    expect(pending).not.toContain(second);

    expect(await webhooks.delete(connectionId, webhook.id)).toBe(true);
    expect(await webhooks.delete(connectionId, webhook.id)).toBe(false);
    expect(await webhooks.outgoing(third)).toBeUndefined();
  });
});
