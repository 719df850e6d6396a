import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from '../../admin-client.ts';
import { startSimulator, type Simulator } from '../../simulator.ts';
import { adminRequest, httpLogin, restGet } from '../../test-http.ts';
import { testOrgSpec } from '../../test-support.ts';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

type Route = [method: string, path: string, body?: string];

/** Every admin route that names an org, with a valid body where it takes one. */
const orgRoutes = (org: string): Route[] =>
  [
    ['GET', 'faults'],
    ['PUT', 'faults', '{}'],
    ['GET', 'counters'],
    ['DELETE', 'counters'],
    ['POST', 'expire-sessions'],
    ['POST', 'revoke-refresh-tokens'],
    ['GET', 'oauth'],
    ['PATCH', 'oauth', '{}'],
    ['PUT', 'shape', '{"customObjects":1,"fieldsPerObject":1}'],
    ['POST', 'mutations', '{"mutations":[]}'],
  ].map(([method, path, body]) => [method!, `/orgs/${org}/${path}`, body]);

const call = (url: string, [method, path, body]: Route, token?: string) =>
  adminRequest(url, method, path, {
    ...(body === undefined ? {} : { body }),
    ...(token === undefined ? {} : { token }),
  });

describe('the admin API', () => {
  it('answers 404 naming the org on every route for an unknown org, and 404 for an unknown admin route', async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()] });
    for (const route of orgRoutes('nope')) {
      const res = await call(sim.url, route);
      expect(res.status, route.join(' ')).toBe(404);
      expect(await res.json()).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: "unknown org 'nope' (known: acme)",
      });
    }
    const unknown = await adminRequest(sim.url, 'GET', '/settings');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toBe('no admin route GET /__admin/settings');
  });

  it('requires the bearer token when started with one, on every route; Salesforce routes do not need it', async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()], adminToken: 's3cret' });
    for (const route of [['GET', '/orgs'] as Route, ...orgRoutes('acme')]) {
      const missing = await call(sim.url, route);
      expect(missing.status, route.join(' ')).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="simulator-admin"');
      expect(((await missing.json()) as { message: string }).message).toMatch(/admin token is required/);
      const wrong = await call(sim.url, route, 's3cret!');
      expect(wrong.status, route.join(' ')).toBe(401);
      expect(((await wrong.json()) as { message: string }).message).toBe('the admin token is not valid');
      expect((await call(sim.url, route, 's3cret')).status, route.join(' ')).toBe(200);
    }
    expect(await new SimulatorAdminClient({ url: sim.url, token: 's3cret' }).faults('acme')).toEqual({});
    await expect(new SimulatorAdminClient({ url: sim.url }).orgs()).rejects.toMatchObject({
      name: 'SimulatorAdminError',
      status: 401,
    });
    expect((await restGet(sim.url, await httpLogin(sim.url), '/limits')).status).toBe(200);
  });

  it('is open without a token', async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()] });
    expect((await adminRequest(sim.url, 'GET', '/orgs')).status).toBe(200);
  });

  it("neither counts admin requests nor delays or faults them, whatever the org's faults", async () => {
    // One delayed admin call would take the whole second; a loaded machine answers the lot well within it.
    sim = await startSimulator({ orgs: [testOrgSpec()], faults: { latencyMs: 1000, error503Rate: 1 } });
    const admin = new SimulatorAdminClient({ url: sim.url });
    const started = performance.now();
    // Every route but the PUTs, which would change the faults (or the shape) under test.
    for (const route of orgRoutes('acme').filter(([method]) => method !== 'PUT')) {
      expect((await call(sim.url, route)).status, route.join(' ')).toBe(200);
    }
    await admin.orgs();
    await admin.setFaults('acme', { latencyMs: 200, dropRate: 1 });
    await admin.counters('acme');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(sim.org('acme').counters.total).toBe(0);

    // The org's Salesforce traffic is counted, delayed and faulted: the faults were live all along.
    const salesforceStarted = performance.now();
    const token = await httpLogin(sim.url);
    await expect(restGet(sim.url, token, '/limits')).rejects.toThrow();
    expect(performance.now() - salesforceStarted).toBeGreaterThanOrEqual(400);
    expect((await admin.counters('acme')).total).toBe(2);
  });
});
