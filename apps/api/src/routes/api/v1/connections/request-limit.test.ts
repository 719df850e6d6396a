import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestApp, oauthConnection, validConnection, type TestApp } from '../../../../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const post = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: auth, payload: payload as string });
const patch = (id: string, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/connections/${id}`, headers: auth, payload: payload as string });
const show = async (id: string) => (await t.app.inject({ url: `/api/v1/connections/${id}`, headers: auth })).json();
const count = async () => (await t.app.stores.connections.list()).length;
const session = {
  orgId: '00D000000000001AAA',
  userId: '005000000000001AAA',
  instanceUrl: 'https://acme.my.salesforce.com',
  accessToken: 'SECRET-access-token',
};
const refused = [0, 101, 'x', 2.5, '5'];

describe('maxConcurrentRequests on POST /api/v1/connections', () => {
  it('is stored and shown, null (the default) when left out', async () => {
    const limited = await post({ ...validConnection, maxConcurrentRequests: 3 });
    expect(limited.statusCode).toBe(202);
    expect(limited.json().maxConcurrentRequests).toBe(3);
    expect((await show(limited.json().id)).maxConcurrentRequests).toBe(3);

    const unset = await post(validConnection);
    expect(unset.json().maxConcurrentRequests).toBeNull();
    expect((await show(unset.json().id)).maxConcurrentRequests).toBeNull();

    const oauth = await post({ ...oauthConnection, maxConcurrentRequests: 100 });
    expect(oauth.statusCode).toBe(201);
    expect(oauth.json().maxConcurrentRequests).toBe(100);
  });

  it.each(refused)('refuses %j and stores nothing', async (limit) => {
    const before = await count();
    const response = await post({ ...validConnection, maxConcurrentRequests: limit });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('maxConcurrentRequests'),
    });
    expect(await count()).toBe(before);
  });
});

describe('maxConcurrentRequests on PATCH /api/v1/connections/:id', () => {
  it('alone changes only the limit: same session and status, no connect job, even mid-run', async () => {
    const { id } = (await post(validConnection)).json();
    await t.app.stores.connections.markConnected(id, session);
    const run = await t.app.inject({ method: 'POST', url: `/api/v1/connections/${id}/extractions`, headers: auth });
    expect(run.statusCode).toBe(202);
    const connectJobs = await t.app.queues.connect.count();
    const before = await t.app.stores.connections.get(id);

    const response = await patch(id, { maxConcurrentRequests: 4 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, status: 'connected', maxConcurrentRequests: 4 });
    expect(response.json()).not.toHaveProperty('authorizeUrl');
    expect((await show(id)).maxConcurrentRequests).toBe(4);
    expect({ ...(await t.app.stores.connections.get(id)), updatedAt: undefined }).toEqual({
      ...before,
      maxConcurrentRequests: 4,
      updatedAt: undefined,
    });
    expect((await t.app.stores.connections.secrets(id))?.accessToken).toBe(session.accessToken);
    expect(await t.app.queues.connect.count()).toBe(connectJobs);

    const restored = await patch(id, { maxConcurrentRequests: null, scope: { reports: false } });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ maxConcurrentRequests: null, scope: { reports: false } });
    expect((await show(id)).maxConcurrentRequests).toBeNull();
  });

  it('goes with new credentials, which start the connection over', async () => {
    const { id } = (await post(validConnection)).json();
    await t.app.stores.connections.markConnected(id, session);
    const response = await patch(id, { password: 'new-password', maxConcurrentRequests: 7 });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: 'pending', maxConcurrentRequests: 7 });

    const oauth = (await post(oauthConnection)).json();
    const reauthorized = await patch(oauth.id, { consumerKey: '3MVG9-other', maxConcurrentRequests: 2 });
    expect(reauthorized.statusCode).toBe(200);
    expect(reauthorized.json()).toMatchObject({ maxConcurrentRequests: 2, authorizeUrl: expect.any(String) });
  });

  it.each(refused)('refuses %j and changes nothing', async (limit) => {
    const { id } = (await post({ ...validConnection, maxConcurrentRequests: 5 })).json();
    const before = await t.app.stores.connections.get(id);
    const response = await patch(id, { maxConcurrentRequests: limit });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('maxConcurrentRequests'),
    });
    expect(await t.app.stores.connections.get(id)).toEqual(before);
  });

  it('answers 404 for an unknown connection', async () => {
    expect((await patch(randomUUID(), { maxConcurrentRequests: 3 })).statusCode).toBe(404);
  });
});
