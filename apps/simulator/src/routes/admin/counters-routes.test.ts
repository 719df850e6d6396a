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
});
