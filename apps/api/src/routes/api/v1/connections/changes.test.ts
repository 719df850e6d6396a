import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customObjectDescribe } from '@sfmeta/catalog/fixtures/describes';
import { apexClassItem, reportItem, sfId } from '@sfmeta/catalog/fixtures/items';
import { storeCatalog } from '@sfmeta/catalog/fixtures/stored-catalog';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import { auth, createTestApp, validConnection, type TestApp } from '../../../../test-app.ts';

type Json = Record<string, unknown>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ url, headers: auth });
const newConnection = async (): Promise<string> =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: auth, payload: validConnection })).json()
    .id;
const ref = (run: ExtractionRun) => ({ id: run.id, extractedAt: run.finishedAt?.toISOString() });
const keys = (body: { items: Json[] }) =>
  body.items.map((item) => `${item.change} ${item.kind} ${item.parent}/${item.name}`);

/** Thing__c with `fieldCount` fields and a label. */
const thing = (fieldCount: number, label = 'Thing') => ({ ...customObjectDescribe('Thing__c', fieldCount), label });

describe('GET /api/v1/connections/:id/changes', () => {
  let id: string;
  const runs: ExtractionRun[] = [];
  let failed: string;

  beforeAll(async () => {
    id = await newConnection();
    runs.push(await storeCatalog(t.app.stores, id, [thing(2), customObjectDescribe('Other__c', 1)]));
    runs.push(await storeCatalog(t.app.stores, id, [thing(3, 'Renamed'), customObjectDescribe('New__c', 2)]));
    const { run } = await t.app.stores.runs.startOrGetActive(id);
    await t.app.stores.runs.markFailed(run.id, 'X', 'x');
    failed = run.id;
    runs.push(await storeCatalog(t.app.stores, id, [thing(3, 'Renamed again'), customObjectDescribe('New__c', 2)]));
  });

  const run = (index: number) => runs[index] as ExtractionRun;

  const firstToSecond = [
    'added field New__c/Field0__c',
    'added field New__c/Field1__c',
    'removed field Other__c/Field0__c',
    'added field Thing__c/Field2__c',
    'added object /New__c',
    'removed object /Other__c',
    'changed object /Thing__c',
  ];

  it('compares the latest extraction with the one before it by default', async () => {
    const response = await get(`/api/v1/connections/${id}/changes`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      from: ref(run(1)),
      to: ref(run(2)),
      summary: { object: { added: 0, removed: 0, changed: 1 } },
      items: [
        {
          kind: 'object',
          parent: '',
          name: 'Thing__c',
          change: 'changed',
          attributes: [{ attribute: 'label', old: 'Renamed', new: 'Renamed again' }],
        },
      ],
      next: null,
    });
  });

  it('compares any two succeeded extractions with from and to', async () => {
    const body = (await get(`/api/v1/connections/${id}/changes?from=${run(0).id}&to=${run(1).id}`)).json();
    expect(body).toMatchObject({
      from: ref(run(0)),
      to: ref(run(1)),
      summary: { object: { added: 1, removed: 1, changed: 1 }, field: { added: 3, removed: 1, changed: 0 } },
      next: null,
    });
    expect(keys(body)).toEqual(firstToSecond);
    // `to` alone: from the extraction before it.
    expect((await get(`/api/v1/connections/${id}/changes?to=${run(1).id}`)).json()).toEqual(body);
    // The first extraction: everything is added.
    const initial = (await get(`/api/v1/connections/${id}/changes?to=${run(0).id}`)).json();
    expect(initial).toMatchObject({
      from: null,
      to: ref(run(0)),
      summary: { object: { added: 2 }, field: { added: 3 } },
    });
    expect(initial.items.every((item: Json) => item.change === 'added')).toBe(true);
  });

  it('filters by kind, the summary still covering every kind', async () => {
    const body = (await get(`/api/v1/connections/${id}/changes?from=${run(0).id}&to=${run(1).id}&kind=field`)).json();
    expect(keys(body)).toEqual(firstToSecond.filter((key) => key.includes(' field ')));
    expect(Object.keys(body.summary).sort()).toEqual(['field', 'object']);
    const none = (await get(`/api/v1/connections/${id}/changes?kind=report`)).json();
    expect(none.items).toEqual([]);
    const bad = await get(`/api/v1/connections/${id}/changes?kind=flow`);
    expect(bad.statusCode).toBe(400);
  });

  it('covers reports, dashboards, Apex and users like objects', async () => {
    const other = await newConnection();
    const report = reportItem(sfId('00O', 1));
    const first = await storeCatalog(t.app.stores, other, [], {
      report: [report],
      apex_class: [apexClassItem(sfId('01p', 1), 'A')],
    });
    const renamed = { ...report, content: { ...report.content, Name: 'Renamed' } };
    const second = await storeCatalog(t.app.stores, other, [], { report: [renamed], apex_class: [] });
    const body = (await get(`/api/v1/connections/${other}/changes?from=${first.id}&to=${second.id}`)).json();
    expect(keys(body)).toEqual([`removed apex_class /${sfId('01p', 1)}`, `changed report /${report.name}`]);
    expect(body.items[1].attributes).toEqual([{ attribute: 'Name', old: report.content.Name, new: 'Renamed' }]);
    const reports = (
      await get(`/api/v1/connections/${other}/changes?from=${first.id}&to=${second.id}&kind=report`)
    ).json();
    expect(keys(reports)).toEqual([`changed report /${report.name}`]);
  });

  it('pages with limit and the cursor in next', async () => {
    const seen: string[] = [];
    let url = `/api/v1/connections/${id}/changes?from=${run(0).id}&to=${run(1).id}&limit=3`;
    const sizes: number[] = [];
    for (;;) {
      const body = (await get(url)).json();
      seen.push(...keys(body));
      sizes.push(body.items.length);
      if (body.next === null) break;
      url = `/api/v1/connections/${id}/changes?from=${run(0).id}&to=${run(1).id}&limit=3&after=${body.next}`;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(firstToSecond);
  });

  it('answers 400 for a cursor it did not hand out, a bad limit, and from not before to', async () => {
    const notArray = Buffer.from(JSON.stringify({ kind: 'field' })).toString('base64url');
    const numbers = Buffer.from(JSON.stringify([1, 2, 3])).toString('base64url');
    for (const after of ['nope', notArray, numbers]) {
      const response = await get(`/api/v1/connections/${id}/changes?after=${after}`);
      expect(response.statusCode, after).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'querystring/after is not a cursor from a previous page',
      });
    }
    for (const limit of ['0', '1001', 'x']) {
      expect((await get(`/api/v1/connections/${id}/changes?limit=${limit}`)).statusCode, limit).toBe(400);
    }
    for (const [from, to] of [
      [run(2), run(1)],
      [run(1), run(1)],
    ]) {
      const response = await get(`/api/v1/connections/${id}/changes?from=${from?.id}&to=${to?.id}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'querystring/from must be an extraction that succeeded before `to`',
      });
    }
    // `from` alone is compared with the latest extraction.
    const fromOnly = await get(`/api/v1/connections/${id}/changes?from=${run(2).id}`);
    expect(fromOnly.statusCode).toBe(400);
    expect((await get(`/api/v1/connections/${id}/changes?from=${run(0).id}`)).json()).toMatchObject({
      from: ref(run(0)),
      to: ref(run(2)),
    });
  });

  it('answers 404 for runs other than succeeded extractions of the connection, and unknown connections', async () => {
    const other = await newConnection();
    const otherRun = await storeCatalog(t.app.stores, other, [thing(1)]);
    for (const query of [`to=${failed}`, `from=${failed}`, `to=${randomUUID()}`, `from=nope`, `to=${otherRun.id}`]) {
      const response = await get(`/api/v1/connections/${id}/changes?${query}`);
      expect(response.statusCode, query).toBe(404);
      expect(response.json()).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/^extraction .* is not a succeeded/),
      });
    }
    for (const connection of [randomUUID(), 'nope']) {
      const response = await get(`/api/v1/connections/${connection}/changes`);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: `connection ${connection} does not exist` });
    }
  });

  it('answers 404 NO_CATALOG before any extraction succeeded', async () => {
    const fresh = await newConnection();
    const { run: queued } = await t.app.stores.runs.startOrGetActive(fresh);
    const response = await get(`/api/v1/connections/${fresh}/changes`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'NO_CATALOG',
      message: `connection ${fresh} has no completed extraction yet`,
    });
    expect((await get(`/api/v1/connections/${fresh}/changes?to=${queued.id}`)).json().code).toBe('NOT_FOUND');
  });
});
