import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountDescribe, customObjectDescribe } from '@sfmeta/catalog/fixtures/describes';
import {
  apexClassItem,
  apexTriggerItem,
  dashboardItem,
  reportItem,
  sfId,
  toolingRecord,
  userItem,
} from '@sfmeta/catalog/fixtures/items';
import { type StoredItems, storeCatalog } from '@sfmeta/catalog/fixtures/stored-catalog';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import { auth, createTestApp, validConnection, type TestApp } from './test-app.ts';

const INSTANCE = 'https://acme.my.salesforce.com';
const alice = userItem(sfId('005', 1), 'Alice Admin');
const reports = [
  reportItem(sfId('00O', 1), { Name: 'Pipeline by stage', OwnerId: alice.name }),
  reportItem(sfId('00O', 2), { Name: "Won't close: 100% sure", Description: 'Deals_at risk' }),
  reportItem(sfId('00O', 3), {
    Name: 'Private forecast',
    FolderName: 'Private Reports',
    $describe: undefined,
    $undescribed: { reason: "INSUFFICIENT_ACCESS: You don't have sufficient privileges" },
  }),
];
const dashboards = [dashboardItem(sfId('01Z', 1), [reports[0]!.name, reports[1]!.name, reports[0]!.name])];
const classes = [apexClassItem(sfId('01p', 1), 'InvoiceService', { Body: 'public class InvoiceService {}' })];
const triggers = [
  apexTriggerItem(sfId('01q', 1), 'InvoiceTrigger', '01I000000000001'),
  apexTriggerItem(sfId('01q', 2), 'AccountTrigger', 'Account', { Status: 'Inactive' }),
];
const invoice = {
  ...customObjectDescribe('Invoice__c', 1),
  $tooling: toolingRecord({ durableId: '01I000000000001AAA' }),
};
const items: StoredItems = {
  report: reports,
  dashboard: dashboards,
  apex_class: classes,
  apex_trigger: triggers,
  user: [alice],
};

let t: TestApp;
let connectionId: string;
let first: ExtractionRun;
let second: ExtractionRun;
beforeAll(async () => {
  t = await createTestApp();
  connectionId = (
    await t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: auth, payload: validConnection })
  ).json().id;
  await t.app.stores.connections.markConnected(connectionId, {
    orgId: '00D000000000001AAA',
    userId: alice.name,
    instanceUrl: INSTANCE,
    accessToken: 'at',
  });
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ url: `/api/v1/connections/${connectionId}${url}`, headers: auth });
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe('reports, dashboards and Apex of a connection', () => {
  it('answers 404 NO_CATALOG before any extraction succeeded, NOT_FOUND for unknown connections', async () => {
    for (const path of ['/reports', `/reports/${reports[0]!.name}`, '/apex-triggers']) {
      const response = await get(path);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('NO_CATALOG');
    }
    const unknown = await t.app.inject({ url: `/api/v1/connections/${randomUUID()}/dashboards`, headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');

    first = await storeCatalog(t.app.stores, connectionId, [accountDescribe(), invoice], items);
    second = await storeCatalog(t.app.stores, connectionId, [accountDescribe(), invoice], {
      report: [{ ...reports[0]!, content: { ...reports[0]!.content, Name: 'Pipeline, renamed' } }, ...reports.slice(1)],
    });
  });

  it('lists reports with their owners, links and describes', async () => {
    const response = await get('/reports');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ runId: second.id, next: null });
    expect(ids(body)).toEqual(reports.map((report) => report.name));
    const [pipeline, wont, hidden] = body.items;
    expect(pipeline).toMatchObject({
      name: 'Pipeline, renamed',
      owner: { id: alice.name, name: 'Alice Admin', email: 'alice.admin@acme.example' },
      createdBy: { id: alice.name, name: 'Alice Admin' },
      lastModifiedBy: { id: sfId('005', 2), name: null, email: null },
      url: `${INSTANCE}/lightning/r/Report/${reports[0]!.name}/view`,
      reportType: { type: 'Opportunity', label: 'Opportunities' },
      sourceObjects: ['Opportunity', 'Account'],
      described: true,
      undescribedReason: null,
    });
    expect(wont).toMatchObject({ owner: { id: sfId('00l', 1), name: null, email: null } });
    expect(hidden).toMatchObject({
      folder: 'Private Reports',
      described: false,
      columns: null,
      undescribedReason: "INSUFFICIENT_ACCESS: You don't have sufficient privileges",
    });
    expect(await get(`/reports/${reports[0]!.name}`).then((r) => r.json())).toEqual(pipeline);
  });

  it('pages with limit and after, and refuses a bad cursor or limit', async () => {
    const page1 = (await get('/reports?limit=2')).json();
    expect(ids(page1)).toEqual([reports[0]!.name, reports[1]!.name]);
    expect(page1.next).toBe(reports[1]!.name);
    const page2 = (await get(`/reports?limit=2&after=${page1.next}`)).json();
    expect(ids(page2)).toEqual([reports[2]!.name]);
    expect(page2.next).toBeNull();
    // A 15-character id is a cursor too.
    expect(ids((await get(`/reports?after=${reports[1]!.name.slice(0, 15)}`)).json())).toContain(reports[2]!.name);
    for (const query of ['limit=0', 'limit=2001', 'limit=abc', 'after=bad', 'after=', 'after=%00', 'sort=name']) {
      const response = await get(`/reports?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code, query).toBe('VALIDATION_FAILED');
    }
  });

  it('searches names, descriptions and folders, taking quotes, % and _ literally', async () => {
    const search = async (q: string) => ids((await get(`/reports?q=${encodeURIComponent(q)}`)).json());
    expect(await search("won't")).toEqual([reports[1]!.name]);
    expect(await search('100%')).toEqual([reports[1]!.name]);
    expect(await search('s_a')).toEqual([reports[1]!.name]);
    expect(await search('s_')).toEqual([reports[1]!.name]);
    expect(await search('PRIVATE reports')).toEqual([reports[2]!.name]);
    expect(await search('nothing')).toEqual([]);
    expect((await get('/reports?q=%00')).statusCode).toBe(400);
    expect(ids((await get('/reports?q=')).json())).toHaveLength(3);
  });

  it('reads an earlier extraction with run=', async () => {
    const old = (await get(`/reports/${reports[0]!.name}?run=${first.id}`)).json();
    expect(old.name).toBe('Pipeline by stage');
    const list = (await get(`/reports?run=${first.id}&q=pipeline`)).json();
    expect(list).toMatchObject({ runId: first.id, items: [{ name: 'Pipeline by stage' }] });
    // Dashboards were not read again: the second catalog still holds them.
    expect(ids((await get('/dashboards')).json())).toEqual([dashboards[0]!.name]);
    for (const run of [randomUUID(), 'nope']) {
      const response = await get(`/reports?run=${run}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
  });

  it('answers 404 NOT_FOUND for an item the catalog does not hold', async () => {
    for (const [path, message] of [
      [`/reports/${sfId('00O', 9)}`, `report ${sfId('00O', 9)} is not in the catalog`],
      [`/dashboards/${reports[0]!.name}`, `dashboard ${reports[0]!.name} is not in the catalog`],
      ['/apex-classes/nope', 'Apex class nope is not in the catalog'],
      ['/apex-triggers/nope', 'Apex trigger nope is not in the catalog'],
    ] as const) {
      const response = await get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message });
    }
    expect((await get('/reports/%20')).statusCode).toBe(400);
  });

  it('shows dashboards with their running user and the reports behind them', async () => {
    const [dashboard] = (await get('/dashboards')).json().items;
    expect(dashboard).toMatchObject({
      id: dashboards[0]!.name,
      runningUser: { id: alice.name, name: 'Alice Admin' },
      url: `${INSTANCE}/lightning/r/Dashboard/${dashboards[0]!.name}/view`,
      reportIds: [reports[0]!.name, reports[1]!.name],
      described: true,
    });
    expect(dashboard.components).toHaveLength(3);
    expect((await get(`/dashboards/${dashboards[0]!.name}`)).json()).toEqual(dashboard);
  });

  it('shows Apex classes, their source only one at a time', async () => {
    const list = (await get('/apex-classes')).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        id: classes[0]!.name,
        name: 'InvoiceService',
        apiVersion: 59,
        valid: true,
        url: `${INSTANCE}/lightning/setup/ApexClasses/page?address=%2F${classes[0]!.name}`,
      }),
    ]);
    expect(list.items[0]).not.toHaveProperty('body');
    const one = (await get(`/apex-classes/${classes[0]!.name}`)).json();
    expect(one).toEqual({ ...list.items[0], body: 'public class InvoiceService {}' });
    expect(ids((await get('/apex-classes?q=invoice')).json())).toEqual([classes[0]!.name]);
  });

  it('shows Apex triggers with their object by name, events and state', async () => {
    const list = (await get('/apex-triggers')).json();
    expect(list.items).toMatchObject([
      { name: 'InvoiceTrigger', object: 'Invoice__c', events: ['before insert', 'after update'], active: true },
      { name: 'AccountTrigger', object: 'Account', active: false, status: 'Inactive', bulk: true },
    ]);
    expect((await get(`/apex-triggers/${triggers[0]!.name}`)).json()).toMatchObject({ object: 'Invoice__c' });
  });

  it('looks up the users of a page once', async () => {
    const users = vi.spyOn(t.app.stores.items, 'users');
    try {
      await get('/reports');
      expect(users).toHaveBeenCalledTimes(1);
      expect([...(users.mock.calls[0]?.[1] ?? [])]).toContain(alice.name);
    } finally {
      users.mockRestore();
    }
  });
});
