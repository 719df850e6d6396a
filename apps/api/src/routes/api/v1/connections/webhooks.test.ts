import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKind } from '@sfmeta/webhooks/address-kind';
import { auth, createTestApp, recordingLogger, validConnection, type TestApp } from '../../../../test-app.ts';

const RECEIVER = 'http://127.0.0.1:9999';
const log = recordingLogger();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SFMETA_WEBHOOK_ALLOWED_ORIGINS: RECEIVER }, { logger: log.logger });
});
afterAll(async () => {
  await t?.close();
});

async function createConnection(): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/connections',
    headers: auth,
    payload: validConnection,
  });
  expect(response.statusCode).toBe(202);
  return response.json().id;
}

const createWebhook = (connectionId: string, payload: object, app = t.app) =>
  app.inject({ method: 'POST', url: `/api/v1/connections/${connectionId}/webhooks`, headers: auth, payload });

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth });

describe('POST /api/v1/connections/:id/webhooks', () => {
  it('registers a webhook for every event and shows its secret once, never in lists or logs', async () => {
    const id = await createConnection();
    const response = await createWebhook(id, { url: `${RECEIVER}/hooks?team=data` });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      id: expect.any(String),
      connectionId: id,
      url: `${RECEIVER}/hooks?team=data`,
      events: ['extraction.succeeded', 'extraction.failed', 'catalog.changed'],
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });
    expect(response.headers.location).toBe(`/api/v1/connections/${id}/webhooks/${created.id}`);

    const list = await get(`/api/v1/connections/${id}/webhooks`);
    expect(list.statusCode).toBe(200);
    const { secret, ...shown } = created;
    expect(list.json()).toEqual({ items: [shown] });
    expect(list.body).not.toContain(secret);
    expect(log.lines.join('\n')).not.toContain(secret);
    const { rows } = await t.app.database.query('SELECT * FROM webhooks WHERE id = $1', [created.id]);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('takes a subset of the events, and gives each webhook its own secret', async () => {
    const id = await createConnection();
    const first = await createWebhook(id, { url: `${RECEIVER}/a`, events: ['catalog.changed'] });
    const second = await createWebhook(id, { url: `${RECEIVER}/b`, events: ['extraction.failed', 'catalog.changed'] });
    expect(first.json().events).toEqual(['catalog.changed']);
    expect(second.json().events).toEqual(['extraction.failed', 'catalog.changed']);
    expect(first.json().secret).not.toBe(second.json().secret);
    expect((await get(`/api/v1/connections/${id}/webhooks`)).json().items.map((w: { url: string }) => w.url)).toEqual([
      `${RECEIVER}/a`,
      `${RECEIVER}/b`,
    ]);
  });

  it.each([
    ['http://hooks.example.com/in', /only https/],
    ['https://user:pw@hooks.example.com/in', /credentials/],
    ['https://10.0.0.5/in', /10\.0\.0\.5 is a private address/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://[::1]/in', /loopback/],
    ['https://localhost/in', /localhost/],
    ['http://127.0.0.1:9998/in', /only https/],
    ['not a url', /whitespace/],
    ['hooks.example.com/in', /not an absolute URL/],
  ])('refuses the URL %s', async (url, reason) => {
    const id = await createConnection();
    const response = await createWebhook(id, { url });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'WEBHOOK_URL_NOT_ALLOWED' });
    expect(response.json().message).toMatch(reason);
    expect((await get(`/api/v1/connections/${id}/webhooks`)).json().items).toEqual([]);
  });

  it('refuses a name that resolves to an internal address, unless its origin is allowed', async () => {
    // Linux maps the machine's own name to a loopback (or a container's private) address in /etc/hosts.
    const name = hostname();
    const { address } = await lookup(name);
    expect(addressKind(address), `${name} resolves to ${address}`).toBeDefined();
    const id = await createConnection();
    const refused = await createWebhook(id, { url: `https://${name}/hooks` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(refused.json().message).toContain(`resolves to ${address}`);

    const allowing = await createTestApp({ SFMETA_WEBHOOK_ALLOWED_ORIGINS: `https://${name}` });
    try {
      const connection = await allowing.app.inject({
        method: 'POST',
        url: '/api/v1/connections',
        headers: auth,
        payload: validConnection,
      });
      const accepted = await createWebhook(connection.json().id, { url: `https://${name}/hooks` }, allowing.app);
      expect(accepted.statusCode).toBe(201);
    } finally {
      await allowing.close();
    }
  });

  it.each([
    [{ url: RECEIVER, events: ['extraction.started'] }, /events\/0 must be one of extraction\.succeeded/],
    [{ url: RECEIVER, events: [] }, /events must NOT have fewer than 1 items/],
    [{ url: RECEIVER, events: ['catalog.changed', 'catalog.changed'] }, /duplicate items/],
    [{ url: RECEIVER, events: 'catalog.changed' }, /events must be array/],
    [{ url: RECEIVER, secret: 'mine' }, /must NOT have additional properties: secret/],
    [{ events: ['catalog.changed'] }, /must have required property 'url'/],
    [{ url: '  ' }, /url must not be blank/],
    [{ url: 42 }, /url must be string/],
  ])('refuses the body %j', async (payload, reason) => {
    const id = await createConnection();
    const response = await createWebhook(id, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.json().message).toMatch(reason);
  });

  it.each([randomUUID(), 'nope'])('answers 404 for the unknown connection %s', async (id) => {
    const response = await createWebhook(id, { url: RECEIVER });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
    expect((await get(`/api/v1/connections/${id}/webhooks`)).statusCode).toBe(404);
  });
});

describe('DELETE /api/v1/connections/:id/webhooks/:webhookId', () => {
  it('deletes a webhook of its connection only, then answers 404', async () => {
    const id = await createConnection();
    const other = await createConnection();
    const webhook = (await createWebhook(id, { url: RECEIVER })).json();
    const remove = (connectionId: string, webhookId: string) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/v1/connections/${connectionId}/webhooks/${webhookId}`,
        headers: auth,
      });

    const wrongConnection = await remove(other, webhook.id);
    expect(wrongConnection.statusCode).toBe(404);
    expect(wrongConnection.json().message).toMatch(/webhook .* does not exist/);
    expect((await remove(randomUUID(), webhook.id)).json().message).toMatch(/connection .* does not exist/);
    expect((await remove(id, 'nope')).statusCode).toBe(404);

    expect((await remove(id, webhook.id)).statusCode).toBe(204);
    expect((await get(`/api/v1/connections/${id}/webhooks`)).json().items).toEqual([]);
    expect((await remove(id, webhook.id)).statusCode).toBe(404);
  });
});

describe('GET /api/v1/connections/:id/webhooks/:webhookId/deliveries', () => {
  it('lists the delivery history newest first, a page at a time', async () => {
    const id = await createConnection();
    const webhook = (await createWebhook(id, { url: RECEIVER, events: ['extraction.failed'] })).json();
    const { webhooks, runs } = t.app.stores;
    const deliveryIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { run } = await runs.startOrGetActive(id);
      await runs.markFailed(run.id, 'TEST', 'failed for the test');
      deliveryIds.push(...(await webhooks.createDeliveries(id, run.id, [{ event: 'extraction.failed', payload: {} }])));
    }
    const [oldest, middle, newest] = deliveryIds as [string, string, string];
    await webhooks.recordAttempt(oldest, {
      delivered: false,
      status: 502,
      error: 'the receiver answered 502',
      final: false,
    });
    await webhooks.recordAttempt(oldest, { delivered: true, status: 200, error: null, final: false });
    await webhooks.recordAttempt(middle, { delivered: false, status: null, error: 'ECONNREFUSED', final: true });

    const url = `/api/v1/connections/${id}/webhooks/${webhook.id}/deliveries`;
    const all = await get(url);
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((delivery: { id: string }) => delivery.id)).toEqual([newest, middle, oldest]);
    expect(all.json().items).toEqual([
      {
        id: newest,
        event: 'extraction.failed',
        status: 'pending',
        attempts: 0,
        lastStatus: null,
        lastError: null,
        createdAt: expect.any(String),
        lastAttemptAt: null,
        deliveredAt: null,
      },
      expect.objectContaining({
        id: middle,
        status: 'failed',
        attempts: 1,
        lastStatus: null,
        lastError: 'ECONNREFUSED',
      }),
      expect.objectContaining({
        id: oldest,
        status: 'delivered',
        attempts: 2,
        lastStatus: 200,
        lastError: null,
        lastAttemptAt: expect.any(String),
        deliveredAt: expect.any(String),
      }),
    ]);

    const page = await get(`${url}?limit=2`);
    expect(page.json().items.map((delivery: { id: string }) => delivery.id)).toEqual([newest, middle]);
    const next = await get(`${url}?limit=2&before=${middle}`);
    expect(next.json().items.map((delivery: { id: string }) => delivery.id)).toEqual([oldest]);

    expect((await get(`${url}?limit=0`)).statusCode).toBe(400);
    expect((await get(`${url}?limit=101`)).statusCode).toBe(400);
    expect((await get(`${url}?before=nope`)).statusCode).toBe(400);
    expect((await get(`/api/v1/connections/${id}/webhooks/${randomUUID()}/deliveries`)).statusCode).toBe(404);
    expect((await get(`/api/v1/connections/${randomUUID()}/webhooks/${webhook.id}/deliveries`)).statusCode).toBe(404);
  });
});
