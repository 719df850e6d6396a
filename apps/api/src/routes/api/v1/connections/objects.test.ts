import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDescribe, customObjectDescribe } from '@sfmeta/catalog/fixtures/describes';
import { storeCatalog } from '@sfmeta/catalog/fixtures/stored-catalog';
import { auth, createTestApp, validConnection, type TestApp } from '../../../../test-app.ts';

let t: TestApp;
let connectionId: string;
beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/connections',
    headers: auth,
    payload: validConnection,
  });
  connectionId = response.json().id;
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ url, headers: auth });

describe('GET /api/v1/connections/:id/objects', () => {
  it('answers 404 NO_CATALOG before any extraction succeeded, NOT_FOUND for unknown connections', async () => {
    for (const url of [
      `/api/v1/connections/${connectionId}/objects`,
      `/api/v1/connections/${connectionId}/objects/Account`,
    ]) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({
        code: 'NO_CATALOG',
        message: expect.stringMatching(/no completed extraction yet/),
      });
    }
    for (const id of [randomUUID(), 'nope']) {
      const response = await get(`/api/v1/connections/${id}/objects`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
  });

  it('serves the catalog of the latest succeeded run, every field attribute included', async () => {
    const run = await storeCatalog(t.app.stores, connectionId, [accountDescribe(), customObjectDescribe('Invoice__c', 3)]);
    const catalog = (await t.app.stores.runs.latestCatalog(connectionId))!;
    // A later run that is still going must not hide the finished catalog.
    await t.app.stores.runs.startOrGetActive(connectionId);

    const list = await get(`/api/v1/connections/${connectionId}/objects`);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.runId).toBe(run.id);
    expect(new Date(body.extractedAt).getTime()).not.toBeNaN();
    expect(body.items).toEqual(await t.app.stores.catalog.listObjects(catalog, { limit: 10 }));
    expect(body.next).toBeNull();
    expect(body.items.map((item: { name: string }) => item.name)).toEqual(['Account', 'Invoice__c']);

    const account = await get(`/api/v1/connections/${connectionId}/objects/Account`);
    expect(account.statusCode).toBe(200);
    const stored = await t.app.stores.catalog.getObject(catalog, 'Account');
    // Equal to the store's object means no attribute was dropped by the response schema.
    expect(account.json()).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(account.json().fields.length).toBeGreaterThan(10);

    const run2 = (await get(`/api/v1/extractions/${run.id}`)).json();
    expect(run2).toMatchObject({ status: 'succeeded', progress: { percent: 100 }, counts: { objects: 2 } });
    expect(run2.counts.fields).toBe(stored!.fields.length + 3);
  });

  it('answers 404 for an object that is not in the catalog', async () => {
    const response = await get(`/api/v1/connections/${connectionId}/objects/Nope__c`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: 'object Nope__c is not in the catalog' });
  });
});

describe('GET /api/v1/connections/:id/objects/:name with a name that cannot be stored', () => {
  it.each([
    ['a%00b', 'params/name must not contain NUL or unpaired surrogate characters'],
    ['%00', 'params/name must not contain NUL or unpaired surrogate characters'],
    ['%20', 'params/name must not be blank'],
    ['%09%20', 'params/name must not be blank'],
  ])('answers 400 VALIDATION_FAILED for %s, even with a catalog to look in', async (name, message) => {
    const active = await t.app.stores.runs.activeFor(connectionId);
    if (active) await t.app.stores.runs.markFailed(active.id, 'TEST', 'replaced by the next test');
    await storeCatalog(t.app.stores, connectionId, [accountDescribe()]);
    expect((await get(`/api/v1/connections/${connectionId}/objects/Account`)).statusCode).toBe(200);

    const response = await get(`/api/v1/connections/${connectionId}/objects/${name}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', error: 'Bad Request', message });
  });

  it('answers 400 BAD_REQUEST in the usual error body for a name the router cannot decode', async () => {
    const response = await get(`/api/v1/connections/${connectionId}/objects/a%ED%A0%80b`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', error: 'Bad Request' });
  });
});
