import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from '../../admin-client.ts';
import { createCounters } from '../../runtime/counters.ts';
import { startSimulator, type Simulator } from '../../simulator.ts';
import { httpLogin, restGet } from '../../test-http.ts';
import { testOrgSpec } from '../../test-support.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ orgs: [testOrgSpec()] });
});
afterEach(() => sim.close());

describe('GET and DELETE /__admin/orgs/:name/counters', () => {
  it('GET reads the live counters; DELETE zeroes them, API usage included, and answers the zeroes', async () => {
    const admin = new SimulatorAdminClient({ url: sim.url });
    const token = await httpLogin(sim.url);
    await restGet(sim.url, token, '/sobjects');
    await restGet(sim.url, token, '/limits');
    const counters = await admin.counters('acme');
    expect(counters).toMatchObject({
      total: 3,
      logins: 1,
      apiUsage: 2,
      byKind: { oauth_token: 1, describe_global: 1, limits: 1 },
    });
    expect(counters).toEqual(JSON.parse(JSON.stringify(sim.org('acme').counters)));

    expect(await admin.resetCounters('acme')).toEqual(createCounters());
    expect(sim.org('acme').counters).toEqual(createCounters());
    await restGet(sim.url, token, '/limits');
    expect(await admin.counters('acme')).toMatchObject({ total: 1, apiUsage: 1 });
  });

  it('counts API requests in flight and their peak, latency included, OAuth and admin requests excluded', async () => {
    const admin = new SimulatorAdminClient({ url: sim.url });
    const token = await httpLogin(sim.url);
    await admin.setFaults('acme', { latencyMs: 300 });
    await admin.resetCounters('acme');
    const requests = [...Array.from({ length: 4 }, () => restGet(sim.url, token, '/limits')), httpLogin(sim.url)];
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await admin.counters('acme')).toMatchObject({ concurrentRequests: 4, concurrentRequestsPeak: 4 });
    // Reset mid-flight: those still in flight stay counted and start the new peak.
    expect(await admin.resetCounters('acme')).toMatchObject({ concurrentRequests: 4, concurrentRequestsPeak: 4 });
    await Promise.all(requests);
    expect(await admin.counters('acme')).toMatchObject({ concurrentRequests: 0, concurrentRequestsPeak: 4 });

    await admin.resetCounters('acme');
    await restGet(sim.url, token, '/limits');
    await restGet(sim.url, token, '/limits');
    expect(await admin.counters('acme')).toMatchObject({ concurrentRequests: 0, concurrentRequestsPeak: 1 });
  });

  it('ends a dropped request in flight when its socket dies', async () => {
    const admin = new SimulatorAdminClient({ url: sim.url });
    const token = await httpLogin(sim.url);
    await admin.setFaults('acme', { dropRate: 1 });
    await admin.resetCounters('acme');
    await expect(restGet(sim.url, token, '/limits')).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await admin.counters('acme')).toMatchObject({ concurrentRequests: 0, concurrentRequestsPeak: 1 });
  });
});
