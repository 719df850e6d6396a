import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from '@sfmeta/simulator/admin-client';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { connect, connectionBody, extract } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

/** Enough objects for many describe jobs at once, each with several composite calls in flight. */
const orgSpec = (name: string, seed: number): OrgSpec => ({
  name,
  seed,
  customObjects: 300,
  fieldsPerObject: 3,
  reports: 20,
  dashboards: 4,
  apexClasses: 30,
  apexTriggers: 4,
  clientId: `${name}-client`,
  clientSecret: `${name}-secret-value`,
  username: `admin@${name}.test`,
  password: `${name}-password-value`,
  securityToken: `${name.toUpperCase()}TOKEN`,
});
const limited = orgSpec('throttled', 41);
const unset = orgSpec('defaulted', 43);

/** Requests that waited for an org's slot, and for how long, summed over every worker. */
async function slotWaits(stack: Stack): Promise<{ count: number; seconds: number }> {
  let count = 0;
  let seconds = 0;
  for (const worker of stack.workers) {
    for (const value of (await worker.context.metrics.orgRequestSlotWait.get()).values) {
      if (value.metricName === 'sfmeta_org_request_slot_wait_seconds_count') count += value.value;
      if (value.metricName === 'sfmeta_org_request_slot_wait_seconds_sum') seconds += value.value;
    }
  }
  return { count, seconds };
}

describe('requests in flight to one org, across four workers of concurrency 8', () => {
  let stack: Stack;
  let admin: SimulatorAdminClient;
  beforeAll(async () => {
    stack = await startStack({
      orgs: [limited, unset],
      workers: 4,
      env: { SFMETA_WORKER_CONCURRENCY: '8', SFMETA_DESCRIBE_CONCURRENCY: '8' },
    });
    admin = new SimulatorAdminClient({ url: stack.simulator.url });
  });
  afterAll(() => stack?.stop());

  /** Connects `org`, then crawls it with latency on every request; the run and the org's counters after. */
  async function crawl(org: OrgSpec, body: object) {
    const connection = await connect(stack, body);
    expect(connection.status).toBe('connected');
    await admin.setFaults(org.name, { latencyMs: 60 });
    await admin.resetCounters(org.name);
    const run = await extract(stack, connection.id);
    await admin.setFaults(org.name, {});
    return { connection, run, counters: await admin.counters(org.name) };
  }

  it("never sends the org more than the connection's maxConcurrentRequests, and uses all of them", async () => {
    const { connection, run, counters } = await crawl(limited, {
      ...connectionBody(stack, limited),
      maxConcurrentRequests: 3,
    });
    expect(connection.maxConcurrentRequests).toBe(3);
    expect(run.status).toBe('succeeded');
    expect(run.counts.objects).toBe(stack.simulator.org(limited.name).org.describes.size);
    expect(counters.concurrentRequests).toBe(0);
    expect(counters.concurrentRequestsPeak).toBe(3);
    const waits = await slotWaits(stack);
    expect(waits.count).toBeGreaterThanOrEqual(counters.total - counters.byKind.oauth_token);
    expect(waits.seconds).toBeGreaterThan(0);
    // The org's leases went with the last request: nothing is left in Redis.
    const redis = new Redis(stack.config.redisUrl);
    try {
      const key = stack.workers[0]?.context.requestLeases.keyOf(connection.orgId ?? '') ?? '';
      expect(key).toBe(`${stack.config.queuePrefix}:org-requests:${connection.orgId}`);
      expect(await redis.exists(key)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('keeps to SFMETA_ORG_MAX_CONCURRENT_REQUESTS (10) when the connection sets no limit', async () => {
    const { connection, run, counters } = await crawl(unset, connectionBody(stack, unset));
    expect(connection.maxConcurrentRequests).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(counters.concurrentRequestsPeak).toBeLessThanOrEqual(10);
    expect(counters.concurrentRequestsPeak).toBeGreaterThan(3);
  });
});
