import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '@sfmeta/metrics/metrics';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { OrgRequestLeases } from './org-request-leases.ts';
import { loginWithPassword } from './password-login.ts';
import type { RequestSlots } from './request-slots.ts';
import { SalesforceClient, type SalesforceClientOptions } from './salesforce-client.ts';
import type { Session, SessionSource } from './session.ts';

const org: OrgSpec = {
  name: 'slots',
  seed: 5,
  customObjects: 2,
  fieldsPerObject: 2,
  clientId: 'slots-client',
  clientSecret: 'slots-secret',
  username: 'user@slots.test',
  password: 'pw',
  securityToken: 'TOKEN',
};
const fastRetry = { retries: 3, minTimeout: 20, maxTimeout: 20 };
const prefix = createTestPrefix();
let simulator: Simulator;
let redis: Redis;

beforeAll(async () => {
  simulator = await startSimulator({ orgs: [org], port: 0 });
  redis = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  redis?.disconnect();
  await deletePrefix(serviceUrls().redisUrl, prefix);
  await simulator?.close();
});
beforeEach(() => {
  simulator.org(org.name).setFaults({});
  simulator.org(org.name).resetCounters();
});

/** Sessions from a password login; `onRenew` sees each renewal. */
function sessions(onRenew: () => void = () => {}): SessionSource {
  let session: Session | undefined;
  const login = () => loginWithPassword({ loginUrl: simulator.url, ...org }, fastRetry);
  return {
    current: async () => (session ??= await login()),
    renew: async () => {
      onRenew();
      session = await login();
      return session;
    },
  };
}

/** Slots without a limit that record what is taken and freed, after `waitMs` each. */
function recordingSlots(waitMs = 0): RequestSlots & { held: number; events: string[] } {
  const slots = {
    held: 0,
    events: [] as string[],
    acquire: async () => {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      slots.held++;
      slots.events.push('take');
      return async () => {
        slots.held--;
        slots.events.push('free');
      };
    },
  };
  return slots;
}

function client(options: Partial<SalesforceClientOptions>): SalesforceClient {
  return new SalesforceClient({ sessions: sessions(), apiVersion: '62.0', retry: fastRetry, ...options });
}

const limits = (salesforce: SalesforceClient) => salesforce.request('limits', { url: salesforce.dataPath('/limits') });

describe('SalesforceClient with request slots', () => {
  it('takes a slot for each attempt and frees it before backing off', async () => {
    const slots = recordingSlots();
    const salesforce = client({ requestSlots: slots });
    simulator.org(org.name).setFaults({ error503Rate: 1 });
    await expect(limits(salesforce)).rejects.toMatchObject({ status: 503 });
    expect(salesforce.requestsSent).toBe(4);
    expect(slots.events).toEqual(['take', 'free', 'take', 'free', 'take', 'free', 'take', 'free']);
    expect(slots.held).toBe(0);
  });

  it('holds no slot while it renews a session', async () => {
    const slots = recordingSlots();
    const heldAtRenewal: number[] = [];
    const salesforce = client({ requestSlots: slots, sessions: sessions(() => heldAtRenewal.push(slots.held)) });
    await limits(salesforce);
    simulator.org(org.name).expireSessions();
    slots.events.length = 0;
    await limits(salesforce);
    expect(heldAtRenewal).toEqual([0]);
    expect(slots.events).toEqual(['take', 'free', 'take', 'free']);
  });

  it('fails the request at once, sending nothing, when no slot can be had', async () => {
    const salesforce = client({
      requestSlots: {
        acquire: async () => {
          throw new Error('Redis is down');
        },
      },
    });
    await expect(limits(salesforce)).rejects.toThrow('Redis is down');
    expect(salesforce.requestsSent).toBe(0);
  });

  it('records how long each request waited for its slot', async () => {
    const metrics = createMetrics({ process: false });
    const salesforce = client({ requestSlots: recordingSlots(40), metrics });
    await Promise.all([limits(salesforce), limits(salesforce), limits(salesforce)]);
    const values = (await metrics.orgRequestSlotWait.get()).values;
    const count = values.find((value) => value.metricName === 'sfmeta_org_request_slot_wait_seconds_count');
    const sum = values.find((value) => value.metricName === 'sfmeta_org_request_slot_wait_seconds_sum');
    expect(count?.value).toBe(3);
    expect(sum?.value).toBeGreaterThanOrEqual(0.11);
  });

  it('keeps the org at K requests in flight with leases in Redis, where it sees more without', async () => {
    simulator.org(org.name).setFaults({ latencyMs: 60 });
    const burst = async (options: Partial<SalesforceClientOptions>) => {
      const clients = [client(options), client(options), client(options)];
      await Promise.all(clients.flatMap((salesforce) => Array.from({ length: 4 }, () => limits(salesforce))));
    };
    const leases = new OrgRequestLeases({ redis, prefix });
    await burst({ requestSlots: leases.slotsFor(org.name, () => 2) });
    expect(simulator.org(org.name).counters.concurrentRequestsPeak).toBe(2);

    simulator.org(org.name).resetCounters();
    await burst({});
    expect(simulator.org(org.name).counters.concurrentRequestsPeak).toBeGreaterThan(2);
  });
});
