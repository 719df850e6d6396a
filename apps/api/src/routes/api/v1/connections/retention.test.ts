import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestApp, validConnection, type TestApp } from '../../../../test-app.ts';

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await createTestApp();
  id = (
    await t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: auth, payload: validConnection })
  ).json().id;
});
afterAll(async () => {
  await t.close();
});

const call = (method: 'GET' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

describe('/api/v1/connections/:id/retention', () => {
  it('shows the defaults until the connection sets its own, and null restores a default', async () => {
    const { runs, days } = t.app.config.retention;
    const initial = await call('GET', `/api/v1/connections/${id}/retention`);
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ setting: { runs: null, days: null }, effective: { runs, days } });

    const set = await call('PUT', `/api/v1/connections/${id}/retention`, { runs: 5, days: null });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ setting: { runs: 5, days: null }, effective: { runs: 5, days } });
    expect((await call('GET', `/api/v1/connections/${id}/retention`)).json().setting).toEqual({ runs: 5, days: null });
    expect(await t.app.stores.runs.retentionOf(id)).toEqual({ runs: 5, days: null });
  });

  it.each([
    [{ runs: 0, days: null }, 'body/runs must be >= 1'],
    [{ runs: 1.5, days: null }, 'body/runs must be integer'],
    [{ runs: 3 }, "body must have required property 'days'"],
    [{ runs: 3, days: 2, keep: true }, 'body must NOT have additional properties: keep'],
  ])('refuses %j with 400 VALIDATION_FAILED and changes nothing', async (payload, message) => {
    const before = await t.app.stores.runs.retentionOf(id);
    const response = await call('PUT', `/api/v1/connections/${id}/retention`, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', message });
    expect(await t.app.stores.runs.retentionOf(id)).toEqual(before);
  });

  it('answers 404 for an unknown connection', async () => {
    for (const method of ['GET', 'PUT'] as const) {
      const response = await call(method, `/api/v1/connections/${randomUUID()}/retention`, { runs: 1, days: 1 });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
  });
});
