import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { ScheduleStore } from './schedule-store.ts';
import { createSecretBox } from './secret-box.ts';
import { StoreError } from './store-error.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';

describe('ScheduleStore', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let schedules: ScheduleStore;

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    schedules = new ScheduleStore(database.pool);
  });

  afterAll(async () => {
    await database?.close();
  });

  const newConnection = () => createOAuthConnection(connections);

  it('creates a schedule, replaces its settings and keeps its counts', async () => {
    const id = await newConnection();
    const created = await schedules.put(id, { cadence: { cron: '0 3 * * *', timezone: 'Europe/Paris' }, fullEvery: 7 });
    expect(created).toMatchObject({
      connectionId: id,
      cadence: { cron: '0 3 * * *', timezone: 'Europe/Paris' },
      fullEvery: 7,
      ticks: 0,
      runsStarted: 0,
      ticksSkipped: 0,
      lastSkipReason: null,
      lastRunId: null,
      lastTickAt: null,
    });
    const runId = randomUUID();
    expect(await schedules.recordRun(id, runId)).toBe(true);
    expect(await schedules.recordSkip(id, 'connection is pending')).toBe(true);

    const replaced = await schedules.put(id, { cadence: { everyMs: 600_000 }, fullEvery: 1 });
    expect(replaced).toMatchObject({
      cadence: { everyMs: 600_000 },
      fullEvery: 1,
      ticks: 2,
      runsStarted: 1,
      ticksSkipped: 1,
      lastSkipReason: 'connection is pending',
      lastRunId: runId,
    });
    expect(replaced.lastTickAt).toBeInstanceOf(Date);
    expect(await schedules.get(id)).toEqual(replaced);
  });

  it('counts every tick of many workers at once', async () => {
    const id = await newConnection();
    await schedules.put(id, { cadence: { everyMs: 1000 }, fullEvery: 7 });
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        n % 4 === 0 ? schedules.recordRun(id, randomUUID()) : schedules.recordSkip(id, 'busy'),
      ),
    );
    expect(await schedules.get(id)).toMatchObject({ ticks: 20, runsStarted: 5, ticksSkipped: 15 });
  });

  it('refuses unknown connections and bad settings, and reads unknown ids as absent', async () => {
    const cadence = { everyMs: 1000 };
    await expect(schedules.put(randomUUID(), { cadence, fullEvery: 1 })).rejects.toMatchObject({
      code: 'CONNECTION_NOT_FOUND',
    });
    await expect(schedules.put('nope', { cadence, fullEvery: 1 })).rejects.toBeInstanceOf(StoreError);
    const id = await newConnection();
    await expect(schedules.put(id, { cadence, fullEvery: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(schedules.put(id, { cadence: { everyMs: -5 }, fullEvery: 1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await schedules.get('nope')).toBeUndefined();
    expect(await schedules.recordSkip(randomUUID(), 'gone')).toBe(false);
    expect(await schedules.delete('nope')).toBe(false);
  });

  it('goes with its connection, and can be deleted alone', async () => {
    const id = await newConnection();
    await schedules.put(id, { cadence: { everyMs: 1000 }, fullEvery: 3 });
    expect(await schedules.delete(id)).toBe(true);
    expect(await schedules.delete(id)).toBe(false);

    await schedules.put(id, { cadence: { everyMs: 1000 }, fullEvery: 3 });
    await connections.delete(id);
    expect(await schedules.get(id)).toBeUndefined();
    expect(await schedules.recordRun(id, randomUUID())).toBe(false);
  });
});
