import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { customObjectDescribe } from './fixtures/describes.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';

describe('RunStore', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let runs: RunStore;

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    runs = new RunStore(database.pool);
  });

  afterAll(async () => {
    await database?.close();
  });

  const newConnection = () => createOAuthConnection(connections);

  it('queues one run per connection even when asked concurrently', async () => {
    const connectionId = await newConnection();
    const results = await Promise.all(Array.from({ length: 8 }, () => runs.startOrGetActive(connectionId)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
    expect(results[0]?.run).toMatchObject({
      connectionId,
      status: 'queued',
      objectsTotal: null,
      objectsDone: 0,
      fieldsCount: 0,
      apiCalls: 0,
      startedAt: null,
      finishedAt: null,
    });
    expect(await runs.activeFor(connectionId)).toMatchObject({ id: results[0]?.run.id });
  });

  it('knows when a running run with fewer objects is under way, and only then', async () => {
    // A database of its own: the other tests leave runs running.
    const own = await createCatalogDatabase();
    try {
      const ownConnections = new ConnectionStore(own.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
      const ownRuns = new RunStore(own.pool);
      const start = async (objects: number) => {
        const { run } = await ownRuns.startOrGetActive(await createOAuthConnection(ownConnections));
        await ownRuns.markRunning(run.id);
        await ownRuns.setListedObjects(
          run.id,
          Array.from({ length: objects }, (_, index) => `Object${index}__c`),
        );
        return run.id;
      };
      const big = await start(500);
      expect(await ownRuns.smallerRunUnderway(big, 500)).toBe(false);
      const small = await start(60);
      expect(await ownRuns.smallerRunUnderway(big, 500)).toBe(true);
      expect(await ownRuns.smallerRunUnderway(small, 60)).toBe(false);
      const alike = await start(500);
      expect(await ownRuns.smallerRunUnderway(alike, 500)).toBe(true);
      await ownRuns.markFailed(small, 'TEST', 'ended');
      expect(await ownRuns.smallerRunUnderway(big, 500)).toBe(false);
      expect(await ownRuns.smallerRunUnderway('not-a-run', 500)).toBe(false);
    } finally {
      await own.close();
    }
  });

  it('starts a new run once the active one has finished', async () => {
    const connectionId = await newConnection();
    const first = await runs.startOrGetActive(connectionId);
    await runs.markRunning(first.run.id);
    const again = await runs.startOrGetActive(connectionId);
    expect(again).toMatchObject({ created: false, run: { id: first.run.id, status: 'running' } });

    await runs.markSucceeded(first.run.id);
    expect(await runs.activeFor(connectionId)).toBeUndefined();
    const second = await runs.startOrGetActive(connectionId);
    expect(second.created).toBe(true);
    expect(second.run.id).not.toBe(first.run.id);
  });

  it('moves forward only: queued → running → succeeded, and a finished run stays finished', async () => {
    const { run } = await runs.startOrGetActive(await newConnection());
    expect(await runs.markRunning(run.id)).toBe(true);
    const running = await runs.get(run.id);
    expect(running?.status).toBe('running');
    expect(running?.startedAt).toBeInstanceOf(Date);

    // A retried job marks it running again; the first start time stays.
    expect(await runs.markRunning(run.id)).toBe(true);
    expect((await runs.get(run.id))?.startedAt).toEqual(running?.startedAt);

    expect(await runs.markSucceeded(run.id)).toBe(true);
    const done = await runs.get(run.id);
    expect(done).toMatchObject({ status: 'succeeded', errorCode: null });
    expect(done?.finishedAt).toBeInstanceOf(Date);

    expect(await runs.markRunning(run.id)).toBe(false);
    expect(await runs.markFailed(run.id, 'LATE', 'too late')).toBe(false);
    expect(await runs.markSucceeded(run.id)).toBe(false);
    expect(await runs.get(run.id)).toMatchObject({
      status: 'succeeded',
      errorCode: null,
      finishedAt: done?.finishedAt,
    });
  });

  it('records a failure with its code, first outcome wins', async () => {
    const { run } = await runs.startOrGetActive(await newConnection());
    expect(await runs.markFailed(run.id, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')).toBe(true);
    expect(await runs.markSucceeded(run.id)).toBe(false);
    expect(await runs.get(run.id)).toMatchObject({
      status: 'failed',
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      errorMessage: 'TotalRequests Limit exceeded.',
    });
  });

  it('counts API calls atomically and reports progress from the saved catalog', async () => {
    const { run } = await runs.startOrGetActive(await newConnection());
    await runs.markRunning(run.id);
    await runs.setListedObjects(run.id, ['A__c', 'B__c', 'C__c']);
    await Promise.all(Array.from({ length: 20 }, () => runs.addApiCalls(run.id, 3)));
    await new CatalogStore(database.pool).saveBatch(run.id, 'job-1', {
      described: [customObjectDescribe('A__c', 4), customObjectDescribe('B__c', 6)],
      unchanged: [],
    });
    expect(await runs.get(run.id)).toMatchObject({
      objectsTotal: 3,
      apiCalls: 60,
      objectsDone: 2,
      fieldsCount: 10,
      objectsUnchanged: 0,
      versionsWritten: 12,
    });
    await expect(runs.addApiCalls(run.id, -1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('succeeds only once every listed object is stored or recorded as vanished', async () => {
    const { run } = await runs.startOrGetActive(await newConnection());
    await runs.markRunning(run.id);
    await runs.setListedObjects(run.id, ['A__c', 'B__c', 'Gone__c']);
    const catalog = new CatalogStore(database.pool);
    await catalog.saveBatch(run.id, 'job-1', { described: [customObjectDescribe('A__c', 2)], unchanged: [] });
    expect(await runs.missingObjects(run.id)).toEqual(['B__c', 'Gone__c']);
    expect(await runs.markSucceeded(run.id)).toBe(false);
    expect((await runs.get(run.id))?.status).toBe('running');

    await runs.recordVanished(run.id, [{ name: 'Gone__c', reason: 'NOT_FOUND: deleted' }]);
    await runs.recordVanished(run.id, [{ name: 'Gone__c', reason: 'a second reason is ignored' }]);
    await catalog.saveBatch(run.id, 'job-2', { described: [customObjectDescribe('B__c', 2)], unchanged: [] });
    expect(await runs.missingObjects(run.id)).toEqual([]);
    expect(await runs.markSucceeded(run.id)).toBe(true);
    expect(await runs.get(run.id)).toMatchObject({
      status: 'succeeded',
      objectsTotal: 3,
      objectsDone: 2,
      fieldsCount: 4,
      objectsVanished: 1,
    });
    expect(await runs.vanishedObjects(run.id)).toEqual([{ name: 'Gone__c', reason: 'NOT_FOUND: deleted' }]);
  });

  it('waits for API budget as an active run, takes batches meanwhile, and resumes', async () => {
    const connectionId = await newConnection();
    const { run } = await runs.startOrGetActive(connectionId);
    await runs.markRunning(run.id);
    await runs.setListedObjects(run.id, ['A__c']);
    const resumeAt = new Date(Date.now() + 60_000);
    const deadline = new Date(Date.now() + 3_600_000);
    expect(await runs.markWaitingForBudget(run.id, resumeAt, deadline)).toBe(true);
    expect(await runs.get(run.id)).toMatchObject({ status: 'waiting_for_api_budget', resumeAt, deadlineAt: deadline });
    // Active: the connection's one run, answered again, watched for lost jobs.
    expect(await runs.startOrGetActive(connectionId)).toMatchObject({ created: false, run: { id: run.id } });
    expect((await runs.activeFor(connectionId))?.id).toBe(run.id);
    expect((await runs.activeCreatedBefore(new Date(Date.now() + 1000))).map((r) => r.id)).toContain(run.id);
    // Jobs pausing at once keep the latest resume time; the first wait's deadline stands.
    const earlier = new Date(resumeAt.getTime() - 10_000);
    const later = new Date(resumeAt.getTime() + 10_000);
    expect(await runs.markWaitingForBudget(run.id, earlier, new Date(Date.now() + 60_000))).toBe(true);
    expect(await runs.get(run.id)).toMatchObject({ resumeAt, deadlineAt: deadline });
    await runs.markWaitingForBudget(run.id, later, deadline);
    expect((await runs.get(run.id))?.resumeAt).toEqual(later);
    // Describes answered before the budget ran out are stored.
    await new CatalogStore(database.pool).saveBatch(run.id, 'job-1', {
      described: [customObjectDescribe('A__c', 2)],
      unchanged: [],
    });
    // Only markResumed ends the wait.
    expect(await runs.markRunning(run.id)).toBe(false);
    expect(await runs.markResumed(run.id)).toBe(true);
    expect(await runs.markResumed(run.id)).toBe(false);
    expect(await runs.get(run.id)).toMatchObject({ status: 'running', resumeAt: null, deadlineAt: deadline });
    await runs.markWaitingForBudget(run.id, resumeAt, new Date(Date.now() + 60_000));
    expect(await runs.get(run.id)).toMatchObject({ resumeAt, deadlineAt: deadline });
    expect(await runs.markSucceeded(run.id)).toBe(true);
    expect(await runs.get(run.id)).toMatchObject({ status: 'succeeded', objectsDone: 1, resumeAt: null });
    expect(await runs.markWaitingForBudget(run.id, resumeAt, deadline)).toBe(false);
  });

  it('fails a run waiting for API budget like any active run', async () => {
    const { run } = await runs.startOrGetActive(await newConnection());
    await runs.markWaitingForBudget(run.id, new Date(Date.now() + 60_000), new Date(Date.now() + 120_000));
    expect(await runs.markFailed(run.id, 'API_BUDGET_DEADLINE', 'too late')).toBe(true);
    expect(await runs.get(run.id)).toMatchObject({
      status: 'failed',
      errorCode: 'API_BUDGET_DEADLINE',
      resumeAt: null,
    });
  });

  it('lists active runs older than a moment, for the lost-run check', async () => {
    const { run } = await runs.startOrGetActive(await newConnection());
    expect((await runs.activeCreatedBefore(new Date(Date.now() - 60_000))).map((r) => r.id)).not.toContain(run.id);
    expect((await runs.activeCreatedBefore(new Date(Date.now() + 1000))).map((r) => r.id)).toContain(run.id);
    await runs.markFailed(run.id, 'X', 'x');
    expect((await runs.activeCreatedBefore(new Date(Date.now() + 1000))).map((r) => r.id)).not.toContain(run.id);
  });

  it('finds the catalog of the latest succeeded run', async () => {
    const connectionId = await newConnection();
    expect(await runs.latestCatalog(connectionId)).toBeUndefined();
    const ids: string[] = [];
    for (const outcome of ['succeeded', 'succeeded', 'failed'] as const) {
      const { run } = await runs.startOrGetActive(connectionId);
      await runs.markRunning(run.id);
      if (outcome === 'succeeded') await runs.markSucceeded(run.id);
      else await runs.markFailed(run.id, 'X', 'x');
      ids.push(run.id);
    }
    const latest = await runs.latestCatalog(connectionId);
    expect(latest?.runId).toBe(ids[1]);
    expect(latest?.latest).toBe(true);
    expect(latest?.extractedAt).toEqual((await runs.get(ids[1]!))?.finishedAt);

    // An older succeeded run is a catalog too, but not the latest; a failed one is none.
    const first = await runs.catalogOf(connectionId, ids[0]!);
    expect(first).toMatchObject({ runId: ids[0], connectionId, latest: false });
    expect(await runs.catalogOf(connectionId, ids[1]!)).toEqual(latest);
    expect(await runs.catalogOf(connectionId, ids[2]!)).toBeUndefined();
    expect(await runs.catalogOf(await newConnection(), ids[1]!)).toBeUndefined();
    expect(await runs.succeededBefore(connectionId, latest!.seq, 10)).toEqual([first]);
    expect(await runs.succeededBefore(connectionId, Number.MAX_SAFE_INTEGER, 1)).toEqual([
      { ...latest, latest: false },
    ]);
  });

  it("lists a connection's runs, newest first, up to a limit", async () => {
    const connectionId = await newConnection();
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const { run } = await runs.startOrGetActive(connectionId);
      await runs.markFailed(run.id, 'X', 'x');
      ids.push(run.id);
    }
    expect((await runs.listFor(connectionId, 10)).map((run) => run.id)).toEqual([...ids].reverse());
    expect((await runs.listFor(connectionId, 2)).map((run) => run.id)).toEqual([ids[2], ids[1]]);
    expect(await runs.listFor('x', 10)).toEqual([]);
  });

  it('treats unknown and malformed ids as missing', async () => {
    expect(await runs.get('not-a-uuid')).toBeUndefined();
    expect(await runs.get(randomUUID())).toBeUndefined();
    expect(await runs.activeFor('x')).toBeUndefined();
    expect(await runs.latestCatalog('x')).toBeUndefined();
    expect(await runs.markRunning('x')).toBe(false);
    expect(await runs.markRunning(randomUUID())).toBe(false);
    await expect(runs.startOrGetActive(randomUUID())).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    await expect(runs.startOrGetActive('x')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
  });

  it('disappears with its connection', async () => {
    const connectionId = await newConnection();
    const { run } = await runs.startOrGetActive(connectionId);
    await connections.delete(connectionId);
    expect(await runs.get(run.id)).toBeUndefined();
  });
});
