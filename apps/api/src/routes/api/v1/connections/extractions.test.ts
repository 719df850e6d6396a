import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apexClassItem, reportItem, sfId } from '@sfmeta/catalog/fixtures/items';
import { auth, createTestApp, validConnection, type TestApp } from '../../../../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
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

const markConnected = (id: string) =>
  t.app.stores.connections.markConnected(id, {
    orgId: '00D000000000001AAA',
    userId: '005000000000001AAA',
    instanceUrl: 'https://acme.my.salesforce.com',
    accessToken: 'SECRET-access-token',
  });

const startExtraction = (id: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/connections/${id}/extractions`, headers: auth });

describe('POST /api/v1/connections/:id/extractions', () => {
  it('refuses with 409 while the connection is not connected, and queues nothing', async () => {
    const id = await createConnection();
    const response = await startExtraction(id);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ statusCode: 409, code: 'CONNECTION_NOT_READY', error: 'Conflict' });
    expect(response.json().message).toMatch(/pending/);
    expect(await t.app.stores.runs.activeFor(id)).toBeUndefined();

    await t.app.stores.connections.markFailed(id, 'invalid_grant', 'authentication failure');
    expect((await startExtraction(id)).json().message).toMatch(/failed/);
    expect(await t.app.queues.extract.count()).toBe(0);
  });

  it.each([randomUUID(), 'nope'])('answers 404 for the unknown connection %s', async (id) => {
    const response = await startExtraction(id);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });

  it('starts a run once, queues one extract job with its id, and shows its progress', async () => {
    const id = await createConnection();
    await markConnected(id);
    const first = await startExtraction(id);
    expect(first.statusCode).toBe(202);
    const run = first.json();
    expect(run).toMatchObject({
      connectionId: id,
      status: 'queued',
      progress: { objectsTotal: null, objectsDone: 0, percent: null },
      counts: { objects: 0, fields: 0 },
      apiCalls: 0,
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    const job = await t.app.queues.extract.getJob(run.id);
    expect(job?.name).toBe('extract');
    expect(job?.data).toEqual({ runId: run.id });
    const waiting = await t.app.queues.extract.getJobCountByTypes('waiting');

    const second = await startExtraction(id);
    expect(second.statusCode).toBe(202);
    expect(second.json().id).toBe(run.id);
    expect(await t.app.queues.extract.getJobCountByTypes('waiting')).toBe(waiting);

    const shown = await t.app.inject({ url: `/api/v1/extractions/${run.id}`, headers: auth });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ ...run, vanishedObjects: [], warnings: [], skipped: [] });
    expect(first.body).not.toContain('SECRET');
  });

  it('reports progress and failures of a run', async () => {
    const id = await createConnection();
    await markConnected(id);
    const { id: runId } = (await startExtraction(id)).json();
    await t.app.stores.runs.markRunning(runId);
    await t.app.stores.runs.setListedObjects(runId, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    await t.app.stores.runs.addApiCalls(runId, 3);
    await t.app.stores.runs.recordVanished(runId, [{ name: 'H', reason: 'NOT_FOUND: deleted' }]);
    const running = (await t.app.inject({ url: `/api/v1/extractions/${runId}`, headers: auth })).json();
    expect(running).toMatchObject({
      status: 'running',
      progress: { objectsTotal: 8, objectsDone: 0, objectsVanished: 1, percent: 12 },
      apiCalls: 3,
      vanishedObjects: [{ name: 'H', reason: 'NOT_FOUND: deleted' }],
    });
    expect(running.startedAt).not.toBeNull();

    await t.app.stores.runs.markFailed(runId, 'API_DISABLED', 'API is not enabled for this org');
    const failed = (await t.app.inject({ url: `/api/v1/extractions/${runId}`, headers: auth })).json();
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: 'API_DISABLED', message: 'API is not enabled for this org' },
    });
  });
});

describe('GET /api/v1/extractions/:id', () => {
  it.each([randomUUID(), 'nope'])('answers 404 for %s', async (id) => {
    const response = await t.app.inject({ url: `/api/v1/extractions/${id}`, headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });

  it('replaces an old active run whose jobs were lost, and keeps a young one', async () => {
    const id = await createConnection();
    await markConnected(id);
    const lost = (await startExtraction(id)).json();
    await t.app.queues.extract.remove(lost.id);
    // Young: its job may simply not be queued yet, so it still counts as active.
    expect((await startExtraction(id)).json().id).toBe(lost.id);

    await t.app.database.query(`UPDATE extraction_runs SET created_at = now() - interval '5 minutes' WHERE id = $1`, [
      lost.id,
    ]);
    const replacement = await startExtraction(id);
    expect(replacement.statusCode).toBe(202);
    expect(replacement.json().id).not.toBe(lost.id);
    expect(await t.app.queues.extract.getJob(replacement.json().id)).toBeDefined();
    expect(await t.app.stores.runs.get(lost.id)).toMatchObject({ status: 'failed', errorCode: 'RUN_LOST' });
  });
});

describe('GET /api/v1/connections/:id/extractions', () => {
  it('lists the runs newest first, and 404s for an unknown connection', async () => {
    const id = await createConnection();
    await markConnected(id);
    const first = (await startExtraction(id)).json();
    await t.app.stores.runs.markFailed(first.id, 'X', 'x');
    const second = (await startExtraction(id)).json();
    const listed = await t.app.inject({ url: `/api/v1/connections/${id}/extractions`, headers: auth });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((run: { id: string }) => run.id)).toEqual([second.id, first.id]);
    expect(listed.json().items[1]).toMatchObject({ status: 'failed', error: { code: 'X', message: 'x' } });
    const limited = await t.app.inject({ url: `/api/v1/connections/${id}/extractions?limit=1`, headers: auth });
    expect(limited.json().items).toHaveLength(1);
    expect(
      (await t.app.inject({ url: `/api/v1/connections/${id}/extractions?limit=0`, headers: auth })).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ url: `/api/v1/connections/${randomUUID()}/extractions`, headers: auth })).statusCode,
    ).toBe(404);
  });
});

describe('GET /api/v1/extractions/:id for the kinds beyond objects', () => {
  it('counts reports, dashboards and Apex once the run succeeded, and lists what Salesforce refused', async () => {
    const id = await createConnection();
    await markConnected(id);
    const { id: runId } = (await startExtraction(id)).json();
    await t.app.stores.runs.markRunning(runId);
    await t.app.stores.runs.setListedObjects(runId, []);
    await t.app.stores.items.save(runId, 'reports', 'report', [reportItem(sfId('00O', 1)), reportItem(sfId('00O', 2))]);
    await t.app.stores.items.save(runId, 'apex', 'apex_class', [apexClassItem(sfId('01p', 1), 'A')]);
    await t.app.stores.runs.recordSkipped(runId, {
      part: 'dashboards',
      code: 'INVALID_TYPE',
      message: "sObject type 'Dashboard' is not supported.",
    });
    await t.app.stores.runs.recordSkipped(runId, {
      part: 'apex_triggers',
      code: 'API_DISABLED_FOR_ORG',
      message: 'The Tooling API is not enabled for this org',
    });
    const running = (await t.app.inject({ url: `/api/v1/extractions/${runId}`, headers: auth })).json();
    expect(running.counts).toMatchObject({
      reports: null,
      dashboards: null,
      apexClasses: null,
      apexTriggers: null,
      skippedParts: 2,
    });
    expect(running.skipped).toEqual([
      { part: 'apex_triggers', code: 'API_DISABLED_FOR_ORG', message: 'The Tooling API is not enabled for this org' },
      { part: 'dashboards', code: 'INVALID_TYPE', message: "sObject type 'Dashboard' is not supported." },
    ]);

    expect(await t.app.stores.runs.markSucceeded(runId)).toBe(true);
    const done = (await t.app.inject({ url: `/api/v1/extractions/${runId}`, headers: auth })).json();
    expect(done).toMatchObject({
      status: 'succeeded',
      counts: { objects: 0, reports: 2, dashboards: 0, apexClasses: 1, apexTriggers: 0, skippedParts: 2 },
    });
    // Lists show the counts too, without the details.
    const [listed] = (await t.app.inject({ url: `/api/v1/connections/${id}/extractions`, headers: auth })).json().items;
    expect(listed.counts).toEqual(done.counts);
    expect(listed).not.toHaveProperty('skipped');
  });
});
