import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from '../../admin-client.ts';
import { startSimulator, type Simulator } from '../../simulator.ts';
import { adminRequest, httpLogin, restGet } from '../../test-http.ts';
import { testOrgSpec } from '../../test-support.ts';

let sim: Simulator;
let admin: SimulatorAdminClient;
beforeEach(async () => {
  sim = await startSimulator({ orgs: [testOrgSpec(), testOrgSpec({ name: 'beta', clientId: 'beta-id' })] });
  admin = new SimulatorAdminClient({ url: sim.url });
});
afterEach(() => sim.close());

describe('GET and PUT /__admin/orgs/:name/faults', () => {
  it("PUT replaces the faults, GET reads them, and they apply to that org's REST traffic only", async () => {
    const token = await httpLogin(sim.url);
    expect(await admin.faults('acme')).toEqual({});
    expect(await admin.setFaults('acme', { error503Rate: 1, latencyMs: 5 })).toEqual({ error503Rate: 1, latencyMs: 5 });
    expect(await admin.faults('acme')).toEqual({ error503Rate: 1, latencyMs: 5 });
    expect((await restGet(sim.url, token, '/limits')).status).toBe(503);
    expect(await admin.faults('beta')).toEqual({});

    // A PUT names every fault: error503Rate, not named again, is off.
    expect(await admin.setFaults('acme', { latencyMs: 5 })).toEqual({ latencyMs: 5 });
    expect((await restGet(sim.url, token, '/limits')).status).toBe(200);
    expect(sim.org('acme').counters.byKind.limits).toBe(2);
  });

  it('refuses invalid faults with 400 naming each problem, and keeps the faults as they were', async () => {
    await admin.setFaults('acme', { error429Rate: 0.5 });
    const refusals: [string, string][] = [
      ['{"error503Rate":1.5}', 'invalid faults: error503Rate must be <= 1'],
      ['{"dropRate":-0.1}', 'dropRate must be >= 0'],
      ['{"latencyMs":-1}', 'latencyMs must be >= 0'],
      ['{"latencyMs":2.5}', 'latencyMs must be integer'],
      ['{"sessionTtlCalls":"5"}', 'sessionTtlCalls must be integer'],
      ['{"apiDisabled":"yes"}', 'apiDisabled must be boolean'],
      ['{"error503rate":0.3}', 'error503rate is not a known key'],
      ['{"latencyMs":-1,"dropRate":2}', 'latencyMs must be >= 0; dropRate must be <= 1'],
      ['[1]', 'invalid faults: value must be object'],
      ['{not json', 'not valid JSON'],
    ];
    for (const [body, message] of refusals) {
      const res = await adminRequest(sim.url, 'PUT', '/orgs/acme/faults', { body });
      expect(res.status, body).toBe(400);
      expect(await res.json(), body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringContaining(message),
      });
    }
    expect((await adminRequest(sim.url, 'PUT', '/orgs/acme/faults')).status).toBe(400);
    expect(await admin.faults('acme')).toEqual({ error429Rate: 0.5 });
  });
});
