import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cronRuns } from '@sfmeta/queue/cadence';
import { schedulerId } from '@sfmeta/queue/schedules';
import { startFreezableProxy, type FreezableProxy } from '@sfmeta/testing/freezable-proxy';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { auth, createTestApp, validConnection, type TestApp } from '../../../../test-app.ts';

const createConnection = async (t: TestApp): Promise<string> =>
  (
    await t.app.stores.connections.create({
      ...validConnection,
      host: 'https://acme.my.salesforce.com',
      authType: 'password',
    })
  ).id;

const put = (t: TestApp, id: string, payload: object) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/connections/${id}/schedule`, headers: auth, payload });
const get = (t: TestApp, url: string) => t.app.inject({ method: 'GET', url, headers: auth });
const remove = (t: TestApp, url: string) => t.app.inject({ method: 'DELETE', url, headers: auth });

describe('/api/v1/connections/:id/schedule', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A minute rather than the default five, so that a short interval can be tried.
    t = await createTestApp({ SFMETA_SCHEDULE_MIN_INTERVAL_MS: '60000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const scheduler = (id: string) => t.app.queues.schedule.getJobScheduler(schedulerId(id));

  it('sets a cron schedule in its time zone, shows it with its next tick, and removes it', async () => {
    const id = await createConnection(t);
    const response = await put(t, id, { cron: '0 3 * * *', timezone: 'Europe/Paris' });
    expect(response.statusCode).toBe(200);
    const expectedNext = cronRuns('0 3 * * *', 'Europe/Paris', 1)[0]?.toISOString();
    const schedule = response.json();
    expect(schedule).toMatchObject({
      connectionId: id,
      cron: '0 3 * * *',
      timezone: 'Europe/Paris',
      everyMinutes: null,
      fullEvery: 7,
      nextRunAt: expectedNext,
      counts: { ticks: 0, runsStarted: 0, ticksSkipped: 0 },
      lastSkipReason: null,
      lastRunId: null,
      lastTickAt: null,
    });
    // 03:00 in Paris is 01:00 or 02:00 UTC, whatever the season.
    expect(new Date(schedule.nextRunAt).getUTCHours()).toBeOneOf([1, 2]);
    expect(await scheduler(id)).toMatchObject({
      pattern: '0 3 * * *',
      tz: 'Europe/Paris',
      next: Date.parse(expectedNext ?? ''),
    });

    expect((await get(t, `/api/v1/connections/${id}/schedule`)).json()).toEqual(schedule);
    const connection = (await get(t, `/api/v1/connections/${id}`)).json();
    expect(connection.schedule).toEqual(schedule);

    const deleted = await remove(t, `/api/v1/connections/${id}/schedule`);
    expect(deleted.statusCode).toBe(204);
    expect(await scheduler(id)).toBeUndefined();
    const gone = await get(t, `/api/v1/connections/${id}/schedule`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'NOT_FOUND', message: `connection ${id} has no schedule` });
    expect((await remove(t, `/api/v1/connections/${id}/schedule`)).statusCode).toBe(404);
    expect((await get(t, `/api/v1/connections/${id}`)).json().schedule).toBeNull();
  });

  it('replaces a schedule: an interval, in minutes, first ticking one interval from now', async () => {
    const id = await createConnection(t);
    await put(t, id, { cron: '0 3 * * *' });
    const before = Date.now();
    const response = await put(t, id, { everyMinutes: 90, fullEvery: 1 });
    expect(response.statusCode).toBe(200);
    const schedule = response.json();
    expect(schedule).toMatchObject({ cron: null, timezone: null, everyMinutes: 90, fullEvery: 1 });
    const next = Date.parse(schedule.nextRunAt);
    expect(next).toBeGreaterThanOrEqual(before + 90 * 60_000);
    expect(next).toBeLessThanOrEqual(Date.now() + 90 * 60_000);
    expect(await scheduler(id)).toMatchObject({ every: 90 * 60_000, next });
    expect((await scheduler(id))?.pattern).toBeUndefined();
  });

  it('defaults the time zone to UTC', async () => {
    const id = await createConnection(t);
    const schedule = (await put(t, id, { cron: '30 4 * * 1' })).json();
    expect(schedule).toMatchObject({ timezone: 'UTC', nextRunAt: cronRuns('30 4 * * 1', 'UTC', 1)[0]?.toISOString() });
  });

  it.each([
    [{ cron: '61 * * * *' }, /cron "61 \* \* \* \*" is not a valid cron expression/],
    [{ cron: 'at three' }, /is not a valid cron expression/],
    [{ cron: '0 3 * * *', timezone: 'Europe/Atlantis' }, /timezone "Europe\/Atlantis" is not a known IANA time zone/],
    [{ cron: '*/20 * * * * *' }, /runs 20 s apart: the minimum interval is 1 min/],
    [{ everyMinutes: 0.5 }, /an interval of 30 s is too short: the minimum interval is 1 min/],
    [{ everyMinutes: 0 }, /everyMinutes/],
    [{ everyMinutes: '5' }, /everyMinutes/],
    [{ cron: '0 3 * * *', everyMinutes: 5 }, /everyMinutes/],
    [{ timezone: 'UTC' }, /everyMinutes/],
    [{}, /everyMinutes/],
    [{ everyMinutes: 5, fullEvery: 0 }, /fullEvery/],
    [{ cron: ' ' }, /cron must not be blank/],
  ])('refuses %j with 400 VALIDATION_FAILED, storing and scheduling nothing', async (body, message) => {
    const id = await createConnection(t);
    const response = await put(t, id, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    expect(await t.app.stores.schedules.get(id)).toBeUndefined();
    expect(await scheduler(id)).toBeUndefined();
  });

  it.each([randomUUID(), 'nope'])('answers 404 for the unknown connection %s', async (id) => {
    const set = await put(t, id, { everyMinutes: 60 });
    expect(set.statusCode).toBe(404);
    expect(set.json()).toMatchObject({ code: 'NOT_FOUND', message: `connection ${id} does not exist` });
    expect((await get(t, `/api/v1/connections/${id}/schedule`)).json().message).toBe(`connection ${id} does not exist`);
    expect((await remove(t, `/api/v1/connections/${id}/schedule`)).statusCode).toBe(404);
    expect(await scheduler(id)).toBeUndefined();
  });

  it('removes the job scheduler with its connection', async () => {
    const id = await createConnection(t);
    await put(t, id, { everyMinutes: 60 });
    expect(await scheduler(id)).toBeDefined();
    expect((await remove(t, `/api/v1/connections/${id}`)).statusCode).toBe(204);
    expect(await scheduler(id)).toBeUndefined();
    expect(await t.app.stores.schedules.get(id)).toBeUndefined();
  });
});

describe('schedules with Redis unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 to a PUT and keeps the schedule as it was; still shows the connection', async () => {
    const id = await createConnection(t);
    const response = await put(t, id, { everyMinutes: 60 });
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('QUEUE_UNAVAILABLE');
    expect(await t.app.stores.schedules.get(id)).toBeUndefined();

    await t.app.stores.schedules.put(id, { cadence: { everyMs: 3_600_000 }, fullEvery: 7 });
    expect((await put(t, id, { cron: '0 3 * * *' })).statusCode).toBe(503);
    expect((await t.app.stores.schedules.get(id))?.cadence).toEqual({ everyMs: 3_600_000 });
    expect((await get(t, `/api/v1/connections/${id}/schedule`)).statusCode).toBe(503);
    expect((await remove(t, `/api/v1/connections/${id}/schedule`)).statusCode).toBe(503);
    const connection = await get(t, `/api/v1/connections/${id}`);
    expect(connection.statusCode).toBe(200);
    expect(connection.json().schedule).toMatchObject({ everyMinutes: 60, nextRunAt: null });
  });
});

describe('schedules with Redis hanging after the reachability check', () => {
  let proxy: FreezableProxy;
  let t: TestApp;
  beforeAll(async () => {
    const redis = new URL(serviceUrls().redisUrl);
    proxy = await startFreezableProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
  });
  afterAll(async () => {
    proxy?.thaw();
    await t?.close();
    await proxy?.close();
  });

  it('puts the schedule back as it was when its scheduler cannot be set', async () => {
    const kept = await createConnection(t);
    expect((await put(t, kept, { everyMinutes: 60 })).statusCode).toBe(200);
    const before = await t.app.stores.schedules.get(kept);
    const fresh = await createConnection(t);
    proxy.freeze();
    try {
      expect((await put(t, kept, { cron: '0 3 * * *', fullEvery: 2 })).statusCode).toBe(503);
      expect((await put(t, fresh, { everyMinutes: 60 })).statusCode).toBe(503);
    } finally {
      proxy.thaw();
    }
    expect(await t.app.stores.schedules.get(kept)).toMatchObject({
      cadence: before?.cadence,
      fullEvery: before?.fullEvery,
    });
    expect(await t.app.stores.schedules.get(fresh)).toBeUndefined();
  });
});
