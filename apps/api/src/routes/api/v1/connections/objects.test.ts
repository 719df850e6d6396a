import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDescribe, customObjectDescribe } from '@sfmeta/catalog/fixtures/describes';
import { sfId, toolingRecord, userItem } from '@sfmeta/catalog/fixtures/items';
import { storeCatalog } from '@sfmeta/catalog/fixtures/stored-catalog';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
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
    const run = await storeCatalog(t.app.stores, connectionId, [
      accountDescribe(),
      customObjectDescribe('Invoice__c', 3),
    ]);
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
    const columns = await t.app.stores.lineage.columnsOf(catalog, 'Account');
    const none = { upstream: [], downstream: [], warnings: [] };
    const withLineage = stored && {
      ...stored,
      fields: stored.fields.map((field) => ({ ...field, lineage: columns.get(field.name) ?? none })),
    };
    // Equal to the store's object (each field with its column lineage) means the response schema dropped nothing.
    expect(account.json()).toEqual(JSON.parse(JSON.stringify(withLineage)));
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

describe('GET /api/v1/connections/:id/objects over several extractions', () => {
  type Json = Record<string, unknown>;
  let id: string;
  let first: ExtractionRun;
  let second: ExtractionRun;
  let failed: string;

  const thing = (fieldCount: number, label = 'Thing') => ({ ...customObjectDescribe('Thing__c', fieldCount), label });

  beforeAll(async () => {
    id = (
      await t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: auth, payload: validConnection })
    ).json().id;
    first = await storeCatalog(t.app.stores, id, [
      customObjectDescribe('A__c', 1),
      customObjectDescribe('B__c', 2),
      customObjectDescribe('Gone__c', 0),
      thing(2),
    ]);
    const { run } = await t.app.stores.runs.startOrGetActive(id);
    await t.app.stores.runs.markFailed(run.id, 'X', 'x');
    failed = run.id;
    second = await storeCatalog(t.app.stores, id, [
      customObjectDescribe('A__c', 1),
      customObjectDescribe('B__c', 2),
      thing(3, 'Renamed'),
    ]);
  });

  const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

  it('pages with limit and after, next naming the last object of a full page', async () => {
    const page1 = await get(`/api/v1/connections/${id}/objects?limit=2`);
    expect(page1.statusCode).toBe(200);
    expect(page1.json()).toMatchObject({ runId: second.id, next: 'B__c' });
    expect(names(page1.json())).toEqual(['A__c', 'B__c']);
    const page2 = (await get(`/api/v1/connections/${id}/objects?limit=2&after=B__c`)).json();
    expect(names(page2)).toEqual(['Thing__c']);
    expect(page2.next).toBeNull();
    // A page that happens to end at the last object says so only on the next, empty page.
    const exact = (await get(`/api/v1/connections/${id}/objects?limit=3`)).json();
    expect(exact.next).toBe('Thing__c');
    expect((await get(`/api/v1/connections/${id}/objects?after=Thing__c`)).json()).toMatchObject({
      items: [],
      next: null,
    });
    for (const limit of ['0', '2001', 'abc', '-1']) {
      const response = await get(`/api/v1/connections/${id}/objects?limit=${limit}`);
      expect(response.statusCode, limit).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('serves an older succeeded extraction with run=, and 404 for any other run', async () => {
    const list = await get(`/api/v1/connections/${id}/objects?run=${first.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().runId).toBe(first.id);
    expect(names(list.json())).toEqual(['A__c', 'B__c', 'Gone__c', 'Thing__c']);
    const old = await get(`/api/v1/connections/${id}/objects/Thing__c?run=${first.id}`);
    expect(old.json()).toMatchObject({ label: 'Thing', fields: [{ name: 'Field0__c' }, { name: 'Field1__c' }] });
    const now = await get(`/api/v1/connections/${id}/objects/Thing__c`);
    expect(now.json()).toMatchObject({ label: 'Renamed' });
    expect(now.json().fields).toHaveLength(3);
    expect((await get(`/api/v1/connections/${id}/objects/Gone__c?run=${first.id}`)).statusCode).toBe(200);

    for (const run of [failed, randomUUID(), 'nope']) {
      for (const url of [`objects?run=${run}`, `objects/A__c?run=${run}`]) {
        const response = await get(`/api/v1/connections/${id}/${url}`);
        expect(response.statusCode, url).toBe(404);
        expect(response.json()).toMatchObject({
          code: 'NOT_FOUND',
          message: `extraction ${run} is not a succeeded extraction of this connection`,
        });
      }
    }
    // Another connection's run is not one of this connection's.
    expect((await get(`/api/v1/connections/${connectionId}/objects?run=${first.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for a removed object, naming the last extraction that saw it', async () => {
    const response = await get(`/api/v1/connections/${id}/objects/Gone__c`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'NOT_FOUND',
      message:
        `object Gone__c was removed from the org: last seen in extraction ${first.id} ` +
        `(${first.finishedAt?.toISOString()}); its history is at /api/v1/connections/${id}/objects/Gone__c/history`,
    });
    expect((await get(`/api/v1/connections/${id}/objects/Never__c`)).json().message).toBe(
      'object Never__c is not in the catalog',
    );
  });

  it('shows the history of an object: added, changed, removed', async () => {
    const run = (ref: ExtractionRun) => ({ id: ref.id, extractedAt: ref.finishedAt?.toISOString() });
    const gone = await get(`/api/v1/connections/${id}/objects/Gone__c/history`);
    expect(gone.statusCode).toBe(200);
    expect(gone.json()).toEqual({
      name: 'Gone__c',
      items: [
        {
          run: run(first),
          previousRun: null,
          change: 'added',
          attributes: [],
          fields: { added: [], removed: [], changed: [] },
        },
        {
          run: run(second),
          previousRun: run(first),
          change: 'removed',
          attributes: [],
          fields: { added: [], removed: [], changed: [] },
        },
      ],
    });
    const history = (await get(`/api/v1/connections/${id}/objects/Thing__c/history`)).json();
    expect(history.items.map((item: Json) => item.change)).toEqual(['added', 'changed']);
    expect(history.items[1]).toEqual({
      run: run(second),
      previousRun: run(first),
      change: 'changed',
      attributes: [{ attribute: 'label', old: 'Thing', new: 'Renamed' }],
      fields: { added: ['Field2__c'], removed: [], changed: [] },
    });
    // Unchanged since it was added: one entry.
    expect((await get(`/api/v1/connections/${id}/objects/A__c/history`)).json().items).toHaveLength(1);

    const never = await get(`/api/v1/connections/${id}/objects/Never__c/history`);
    expect(never.statusCode).toBe(404);
    expect(never.json()).toMatchObject({ code: 'NOT_FOUND', message: 'object Never__c was never in the catalog' });
    const unknown = await get(`/api/v1/connections/${randomUUID()}/objects/A__c/history`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/^connection .* does not exist$/);
  });
});

describe('GET /api/v1/connections/:id/objects with what Tooling said of them', () => {
  let id: string;
  const alice = userItem(sfId('005', 1), 'Alice Admin');
  const INSTANCE = 'https://acme.my.salesforce.com';

  beforeAll(async () => {
    id = (
      await t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: auth, payload: validConnection })
    ).json().id;
    await t.app.stores.connections.markConnected(id, {
      orgId: '00D000000000001AAA',
      userId: alice.name,
      instanceUrl: INSTANCE,
      accessToken: 'at',
    });
    const invoice = customObjectDescribe('Invoice__c', 1);
    invoice.$tooling = toolingRecord({
      durableId: '01I000000000001AAA',
      description: "Bills: 100% of the customer's_debts",
      namespacePrefix: 'acme',
      createdById: alice.name,
      lastModifiedById: sfId('005', 2),
    });
    (invoice.fields as Record<string, unknown>[])[0]!.$tooling = toolingRecord({
      durableId: '01I000000000001.00N000000000001',
      description: 'Amount due',
    });
    await storeCatalog(t.app.stores, id, [invoice, accountDescribe(), customObjectDescribe('Percent__c', 0)], {
      user: [alice],
    });
  });

  it('shows description, namespace, users and Setup links on objects and fields, not the raw $tooling', async () => {
    const object = (await get(`/api/v1/connections/${id}/objects/Invoice__c`)).json();
    expect(object).toMatchObject({
      description: "Bills: 100% of the customer's_debts",
      namespace: 'acme',
      createdBy: { id: alice.name, name: 'Alice Admin', email: 'alice.admin@acme.example' },
      lastModifiedBy: { id: sfId('005', 2), name: null, email: null },
      url: `${INSTANCE}/lightning/setup/ObjectManager/Invoice__c/Details/view`,
      recordCount: null,
    });
    expect(object).not.toHaveProperty('$tooling');
    expect(object.fields[0]).toMatchObject({
      description: 'Amount due',
      url: `${INSTANCE}/lightning/setup/ObjectManager/Invoice__c/FieldsAndRelationships/00N000000000001/view`,
    });
    expect(object.fields[0]).not.toHaveProperty('$tooling');
    const [, invoiceLine] = (await get(`/api/v1/connections/${id}/objects`)).json().items;
    expect(invoiceLine).toMatchObject({
      name: 'Invoice__c',
      description: "Bills: 100% of the customer's_debts",
      createdBy: { name: 'Alice Admin' },
      url: `${INSTANCE}/lightning/setup/ObjectManager/Invoice__c/Details/view`,
    });
  });

  it('searches names, labels and descriptions with q, taking quotes, % and _ literally', async () => {
    const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);
    const search = async (q: string, more = '') =>
      names((await get(`/api/v1/connections/${id}/objects?q=${encodeURIComponent(q)}${more}`)).json());
    expect(await search('INVOICE')).toEqual(['Invoice__c']);
    expect(await search("customer's")).toEqual(['Invoice__c']);
    expect(await search('100%')).toEqual(['Invoice__c']);
    expect(await search('s_d')).toEqual(['Invoice__c']);
    // `%` and `_` as wildcards would match every object.
    expect(await search('%')).toEqual(['Invoice__c']);
    expect(await search('_')).toEqual(['Invoice__c', 'Percent__c']);
    expect(await search('percent')).toEqual(['Percent__c']);
    expect(await search('c', '&limit=1')).toEqual(['Account']);
    expect(await search('c', '&limit=1&after=Account')).toEqual(['Invoice__c']);
    expect((await get(`/api/v1/connections/${id}/objects?q=a%00`)).statusCode).toBe(400);
  });
});
