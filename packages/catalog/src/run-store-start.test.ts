import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';

describe('RunStore.startIfConnected', () => {
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

  const connectedConnection = async () => {
    const id = await createOAuthConnection(connections);
    await connections.markConnected(id, {
      orgId: '00D000000000001AAA',
      userId: '005000000000001AAA',
      instanceUrl: 'https://acme.my.salesforce.com',
      accessToken: 'access-token',
    });
    return id;
  };

  it('queues one run per connection even when asked concurrently, and reads it as get() does', async () => {
    const connectionId = await connectedConnection();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => runs.startIfConnected(connectionId, { mode: 'full' })),
    );
    const started = results.map((result) => result.started);
    expect(results.every((result) => result.connectionStatus === 'connected')).toBe(true);
    expect(started.filter((result) => result?.created)).toHaveLength(1);
    expect(new Set(started.map((result) => result?.run.id)).size).toBe(1);
    const created = started.find((result) => result?.created)?.run;
    expect(created).toEqual(await runs.get(created?.id ?? ''));
    expect(created).toMatchObject({
      connectionId,
      orgId: '00D000000000001AAA',
      status: 'queued',
      mode: 'full',
      trigger: 'api',
      objectsDone: 0,
      warnings: 0,
      skippedParts: 0,
      startedAt: null,
    });
  });

  it('returns the active run with its progress, waiting for API budget or not, until it has finished', async () => {
    const connectionId = await connectedConnection();
    const first = await runs.startIfConnected(connectionId);
    const runId = first.started?.run.id ?? '';
    await runs.markRunning(runId);
    await runs.setListedObjects(runId, ['A', 'B']);
    await runs.recordVanished(runId, [{ name: 'B', reason: 'NOT_FOUND' }]);
    const running = await runs.startIfConnected(connectionId, { mode: 'full', trigger: 'schedule' });
    expect(running.started).toEqual({ run: await runs.get(runId), created: false });
    expect(running.started?.run).toMatchObject({ status: 'running', mode: 'incremental', objectsVanished: 1 });

    await runs.markWaitingForBudget(runId, new Date(Date.now() + 60_000), new Date(Date.now() + 3_600_000));
    const waiting = await runs.startIfConnected(connectionId);
    expect(waiting.started).toMatchObject({ created: false, run: { id: runId, status: 'waiting_for_api_budget' } });

    await runs.markFailed(runId, 'X', 'x');
    const next = await runs.startIfConnected(connectionId);
    expect(next.started?.created).toBe(true);
    expect(next.started?.run.id).not.toBe(runId);
  });

  it('creates nothing for a connection that is not connected, and says what it is', async () => {
    const connectionId = await createOAuthConnection(connections);
    expect(await runs.startIfConnected(connectionId)).toEqual({ connectionStatus: 'awaiting_authorization' });
    await connections.markFailed(connectionId, 'invalid_grant', 'expired');
    const { status } = (await connections.get(connectionId)) ?? {};
    expect(status).not.toBe('awaiting_authorization');
    expect(await runs.startIfConnected(connectionId)).toEqual({ connectionStatus: status });
    expect(await runs.listFor(connectionId, 10)).toEqual([]);
  });

  it('keeps answering on connections that prepared it when a migration adds a column to extraction_runs', async () => {
    // Every pooled connection prepares the statement (4 in this pool), then the table changes under them.
    const ids = await Promise.all(Array.from({ length: 8 }, () => connectedConnection()));
    await Promise.all(ids.map((id) => runs.startIfConnected(id)));
    await database.pool.query('ALTER TABLE extraction_runs ADD COLUMN added_later integer');
    try {
      const again = await Promise.all(ids.map((id) => runs.startIfConnected(id)));
      expect(again.map((result) => result.started?.created)).toEqual(ids.map(() => false));
      const fresh = await runs.startIfConnected(await connectedConnection());
      expect(fresh.started).toMatchObject({ created: true, run: { status: 'queued' } });
      expect(fresh.started?.run).not.toHaveProperty('addedLater');
    } finally {
      await database.pool.query('ALTER TABLE extraction_runs DROP COLUMN added_later');
    }
  });

  it.each([randomUUID(), 'not-a-uuid'])('finds no connection %s', async (connectionId) => {
    expect(await runs.startIfConnected(connectionId)).toEqual({});
  });
});
