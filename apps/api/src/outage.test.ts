import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFreezableProxy, type FreezableProxy } from '@sfmeta/testing/freezable-proxy';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { auth, authorizeUrlFor, createTestApp, validConnection, type TestApp } from './test-app.ts';

const connected = {
  orgId: '00D000000000001AAA',
  userId: '005000000000001AAA',
  instanceUrl: 'https://acme.my.salesforce.com',
  accessToken: 'SECRET-access-token',
};

const storePasswordConnection = (t: TestApp) =>
  t.app.stores.connections.create({ ...validConnection, host: 'https://acme.my.salesforce.com', authType: 'password' });
const repair = (t: TestApp, id: string) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/v1/connections/${id}`,
    headers: auth,
    payload: { password: 'SECRET-new-password' },
  });

describe('with Redis unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 QUEUE_UNAVAILABLE at once and stores nothing', async () => {
    const started = Date.now();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/connections',
      headers: auth,
      payload: validConnection,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ statusCode: 503, code: 'QUEUE_UNAVAILABLE', error: 'Service Unavailable' });
    expect(await t.app.stores.connections.list()).toEqual([]);
  });

  it('creates no run for an extraction request', async () => {
    const connection = await storePasswordConnection(t);
    await t.app.stores.connections.markConnected(connection.id, connected);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/connections/${connection.id}/extractions`,
      headers: auth,
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('QUEUE_UNAVAILABLE');
    expect(await t.app.stores.runs.activeFor(connection.id)).toBeUndefined();
  });

  it('refuses to repair a password connection with 503 QUEUE_UNAVAILABLE, and changes nothing', async () => {
    const connection = await storePasswordConnection(t);
    await t.app.stores.connections.markFailed(connection.id, 'invalid_grant', 'authentication failure');
    const before = [
      await t.app.stores.connections.get(connection.id),
      await t.app.stores.connections.secrets(connection.id),
    ];
    const response = await repair(t, connection.id);
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('QUEUE_UNAVAILABLE');
    expect([
      await t.app.stores.connections.get(connection.id),
      await t.app.stores.connections.secrets(connection.id),
    ]).toEqual(before);
  });

  it('creates an oauth connection (nothing to queue), then fails it QUEUE_UNAVAILABLE at the callback', async () => {
    const { id, state } = await authorizeUrlFor(t);
    const response = await t.app.inject({ url: '/api/v1/oauth/from_oauth/', query: { code: 'SECRET-code', state } });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(response.json().message).toContain(`/api/v1/connections/${id}/reauthorize`);
    expect(response.headers['cache-control']).toBe('no-store');
    const failed = await t.app.stores.connections.get(id);
    expect(failed).toMatchObject({ status: 'failed', statusCode: 'QUEUE_UNAVAILABLE' });
    expect(failed?.statusMessage).toMatch(/reauthorize/);
    // Nobody will exchange the code: it is not kept.
    expect(await t.app.stores.connections.takeAuthorizationCode(id)).toBeUndefined();
  });

  it('is alive but not ready, and still serves metrics quickly', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const started = Date.now();
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', redis: 'unavailable' } });
    const metrics = await t.app.inject({ url: '/metrics', headers: auth });
    expect(metrics.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

// The test Redis behind a proxy that can freeze: connected as far as the client knows, but never answering.
describe('with Redis hanging after the reachability check', () => {
  let proxy: FreezableProxy;
  let t: TestApp;
  beforeAll(async () => {
    const redis = new URL(serviceUrls().redisUrl);
    proxy = await startFreezableProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    expect(t.app.redis.status).toBe('ready');
  });
  afterAll(async () => {
    proxy?.thaw();
    await t?.close();
    await proxy?.close();
  });

  it('removes the connection it stored and answers 503; fails the run it started', async () => {
    const connection = await storePasswordConnection(t);
    await t.app.stores.connections.markConnected(connection.id, connected);
    proxy.freeze();
    try {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/connections',
        headers: auth,
        payload: validConnection,
      });
      expect(created.statusCode).toBe(503);
      expect(created.json().code).toBe('QUEUE_UNAVAILABLE');
      expect((await t.app.stores.connections.list()).map((c) => c.id)).toEqual([connection.id]);

      const extraction = await t.app.inject({
        method: 'POST',
        url: `/api/v1/connections/${connection.id}/extractions`,
        headers: auth,
      });
      expect(extraction.statusCode).toBe(503);
      expect(await t.app.stores.runs.activeFor(connection.id)).toBeUndefined();
    } finally {
      proxy.thaw();
    }
  });

  it('marks a repaired connection failed QUEUE_UNAVAILABLE when its connect job cannot be queued', async () => {
    const connection = await storePasswordConnection(t);
    proxy.freeze();
    try {
      const response = await repair(t, connection.id);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        code: 'QUEUE_UNAVAILABLE',
        message: expect.stringMatching(/send the PATCH again/),
      });
      // Not a silent "pending" that nobody will ever log in: the reason says what to do.
      expect(await t.app.stores.connections.get(connection.id)).toMatchObject({
        status: 'failed',
        statusCode: 'QUEUE_UNAVAILABLE',
        statusMessage: expect.stringMatching(/send the PATCH again/),
      });
      expect((await t.app.stores.connections.secrets(connection.id))?.password).toBe('SECRET-new-password');
    } finally {
      proxy.thaw();
    }
  });
});
