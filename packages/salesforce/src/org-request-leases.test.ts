import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { OrgRequestLeases, type OrgRequestLease, type OrgRequestLeasesOptions } from './org-request-leases.ts';

const prefix = createTestPrefix();
/** Every client a test opened: each stands for one worker process. */
const clients: Redis[] = [];
let admin: Redis;
let orgCount = 0;

beforeAll(() => {
  admin = new Redis(serviceUrls().redisUrl);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(async () => {
  admin.disconnect();
  await deletePrefix(serviceUrls().redisUrl, prefix);
});

/** Leases as one worker process has them, on a Redis connection of its own. */
function processLeases(options: Partial<OrgRequestLeasesOptions> = {}): OrgRequestLeases {
  const redis = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: null });
  clients.push(redis);
  return new OrgRequestLeases({ redis, prefix, ...options });
}

/** An org of its own for each test. */
const newOrg = () => `00D00000000${String(++orgCount).padStart(4, '0')}AAA`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return settled;
}

describe('OrgRequestLeases', () => {
  it('never lets more than K requests of an org hold a slot across processes, and fills all K', async () => {
    const org = newOrg();
    const processes = [processLeases(), processLeases(), processLeases(), processLeases()];
    let held = 0;
    let peak = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 80 }, async (_, index) => {
        const lease = await (processes[index % processes.length] as OrgRequestLeases).acquire(org, 3);
        held++;
        peak = Math.max(peak, held);
        await sleep(2 + Math.random() * 10);
        held--;
        await lease.release();
        done++;
      }),
    );
    expect(done).toBe(80);
    expect(peak).toBe(3);
    expect(await admin.exists(processes[0]?.keyOf(org) ?? '')).toBe(0);
  });

  it('keeps leases in one sorted set under the queue prefix, scored by expiry in Redis time', async () => {
    const org = newOrg();
    const leases = processLeases({ ttlMs: 20_000 });
    const key = leases.keyOf(org);
    expect(key).toBe(`${prefix}:org-requests:${org}`);
    const [seconds, micros] = await admin.time();
    const redisNow = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const lease = await leases.acquire(org, 5);
    const [member, score] = await admin.zrange(key, 0, -1, 'WITHSCORES');
    expect(member).toMatch(/^[0-9a-f]{24}$/);
    expect(Number(score)).toBeGreaterThanOrEqual(redisNow + 20_000);
    expect(Number(score)).toBeLessThan(redisNow + 20_000 + 1000);
    expect(await admin.pttl(key)).toBeGreaterThan(19_000);
    await lease.release();
    expect(await admin.exists(key)).toBe(0);
  });

  it('frees a slot at once on release, for the next waiter of the same process', async () => {
    const org = newOrg();
    // Without the wake-up on release, the waiter would ask Redis again only after 5 s.
    const leases = processLeases({ pollMs: [5000, 5000] });
    const first = await leases.acquire(org, 1);
    const second = leases.acquire(org, 1);
    await sleep(50);
    const releasedAt = performance.now();
    await first.release();
    const admitted = await second;
    expect(performance.now() - releasedAt).toBeLessThan(500);
    expect(admitted.waitedMs).toBeGreaterThanOrEqual(50);
    expect(await admin.zcard(leases.keyOf(org))).toBe(1);
    await admitted.release();
    await admitted.release();
    expect(await admin.exists(leases.keyOf(org))).toBe(0);
  });

  it('admits the waiters of one process in the order they came', async () => {
    const org = newOrg();
    const leases = processLeases();
    const holder = await leases.acquire(org, 1);
    const order: number[] = [];
    const waiters = Array.from({ length: 5 }, (_, index) =>
      leases.acquire(org, 1).then(async (lease) => {
        order.push(index);
        await sleep(5);
        await lease.release();
      }),
    );
    await sleep(30);
    await holder.release();
    await Promise.all(waiters);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('lets the slots of a dead holder lapse with their TTL, and no sooner', async () => {
    const org = newOrg();
    const warnings: string[] = [];
    const dying = processLeases({ ttlMs: 600, renewEveryMs: 150, warn: (message) => warnings.push(message) });
    await dying.acquire(org, 2);
    await dying.acquire(org, 2);
    // The process dies: its leases are neither released nor renewed any more.
    clients[0]?.disconnect();
    const diedAt = performance.now();

    const survivor = processLeases({ pollMs: [10, 20] });
    const lease = await survivor.acquire(org, 2);
    expect(performance.now() - diedAt).toBeGreaterThanOrEqual(300);
    expect(lease.waitedMs).toBeLessThan(3000);
    expect(warnings).toContain('could not renew a request slot');
    await lease.release();
  });

  it('renews a held lease, so a request longer than the TTL keeps its slot', async () => {
    const org = newOrg();
    const holder = processLeases({ ttlMs: 300, renewEveryMs: 100 });
    const other = processLeases({ pollMs: [10, 20] });
    const long = await holder.acquire(org, 1);
    const waiting = other.acquire(org, 1);
    expect(await settlesWithin(waiting, 1200)).toBe(false);
    await long.release();
    expect(await settlesWithin(waiting, 500)).toBe(true);
    await (await waiting).release();
  });

  it('takes the limit from each call: a higher one admits more, a lower one waits until the org is below it', async () => {
    const org = newOrg();
    const leases = processLeases({ pollMs: [5, 10] });
    const three = await Promise.all([leases.acquire(org, 3), leases.acquire(org, 3), leases.acquire(org, 3)]);
    const other = processLeases({ pollMs: [5, 10] });
    const fourth = other.acquire(org, 5);
    expect(await settlesWithin(fourth, 200)).toBe(true);
    const underTwo = other.acquire(org, 2);
    const held: OrgRequestLease[] = [...three, await fourth];
    await (held.shift() as OrgRequestLease).release();
    await (held.shift() as OrgRequestLease).release();
    expect(await settlesWithin(underTwo, 200)).toBe(false);
    await (held.shift() as OrgRequestLease).release();
    expect(await settlesWithin(underTwo, 500)).toBe(true);
  });

  it('refuses a limit below 1', async () => {
    await expect(processLeases().acquire(newOrg(), 0)).rejects.toThrow(RangeError);
  });
});
