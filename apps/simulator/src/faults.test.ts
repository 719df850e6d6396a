import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from './admin-client.ts';
import { startSimulator, type Simulator } from './simulator.ts';
import { httpLogin, restGet } from './test-http.ts';
import { get, login, testApp, testOrgSpec } from './test-support.ts';

const V = '/services/data/v62.0';
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('faults', () => {
  it('answers 503 and 429 at rate 1, still counting the request', async () => {
    const { app, state } = await testApp();
    const token = await login(app);
    const runtime = state.orgs.get('acme')!;
    runtime.setFaults({ error503Rate: 1 });
    const unavailable = await get(app, token, `${V}/sobjects`);
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.json()).toEqual([
      { errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' },
    ]);
    runtime.setFaults({ error429Rate: 1 });
    const throttled = await get(app, token, `${V}/sobjects`);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()[0].errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(runtime.counters).toMatchObject({ total: 3, apiUsage: 0, byKind: { describe_global: 2 } });
    expect((await app.inject({ url: '/services/data/' })).statusCode).toBe(200);
    runtime.setFaults({});
    expect((await get(app, token, `${V}/sobjects`)).statusCode).toBe(200);
  });

  it('faults the same requests for the same faultSeed', async () => {
    const statuses = async () => {
      const { app, state } = await testApp();
      const token = await login(app);
      state.orgs.get('acme')!.setFaults({ error503Rate: 0.5 });
      const out = [];
      for (let i = 0; i < 20; i++) out.push((await get(app, token, `${V}/limits`)).statusCode);
      return out;
    };
    const first = await statuses();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await statuses()).toEqual(first);
  });

  it('drops the socket at dropRate 1', async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()] });
    const url = new URL(sim.url);
    const token = await fetch(`${sim.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body:
        'grant_type=password&client_id=acme-id&client_secret=acme-secret' +
        '&username=admin%40acme.test&password=pwTOKEN',
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    sim.org('acme').setFaults({ dropRate: 1 });
    const outcome = await new Promise<string>((resolve) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: `${V}/sobjects`,
          headers: { authorization: `Bearer ${token.access_token}` },
        },
        (res) => resolve(`status ${res.statusCode}`),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    expect(outcome).toBe('ECONNRESET');
    expect(sim.org('acme').counters.byKind.describe_global).toBe(1);
    sim.org('acme').setFaults({});
    const after = await fetch(`${sim.url}${V}/limits`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(after.status).toBe(200);
  });

  it('adds latency', async () => {
    const { app } = await testApp([testOrgSpec()], { latencyMs: 60 });
    const started = performance.now();
    await app.inject({ url: `${V}/sobjects` });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('expires a token after sessionTtlCalls REST calls, and on expireSessions', async () => {
    const { app, state } = await testApp();
    const runtime = state.orgs.get('acme')!;
    runtime.setFaults({ sessionTtlCalls: 2 });
    const token = await login(app);
    expect((await get(app, token, `${V}/limits`)).statusCode).toBe(200);
    expect((await get(app, token, `${V}/limits`)).statusCode).toBe(200);
    const expired = await get(app, token, `${V}/limits`);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    runtime.setFaults({});
    const fresh = await login(app);
    expect((await get(app, fresh, `${V}/limits`)).statusCode).toBe(200);
    runtime.expireSessions();
    expect((await get(app, fresh, `${V}/limits`)).statusCode).toBe(401);
    expect(runtime.counters.byKind.limits).toBe(5);
  });

  it(
    'answers 403 API_CURRENTLY_DISABLED to every REST call while apiDisabled; ' +
      'OAuth and bad tokens answer as before',
    async () => {
      sim = await startSimulator({ orgs: [testOrgSpec()] });
      await new SimulatorAdminClient({ url: sim.url }).setFaults('acme', { apiDisabled: true });
      const token = await httpLogin(sim.url);
      const composite = fetch(`${sim.url}${V}/composite`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ compositeRequest: [{ method: 'GET', url: `${V}/limits`, referenceId: 'l' }] }),
      });
      for (const res of [
        ...(await Promise.all(
          [
            '/sobjects',
            '/sobjects/Account/describe',
            '/limits',
            '/query?q=SELECT+Id+FROM+Account',
            '/tooling/query?q=SELECT+Id+FROM+ApexClass',
          ].map((path) => restGet(sim!.url, token, path)),
        )),
        await composite,
      ]) {
        expect(res.status, res.url).toBe(403);
        expect(await res.json()).toEqual([
          { message: 'API is disabled for this User', errorCode: 'API_CURRENTLY_DISABLED' },
        ]);
      }
      expect(sim.org('acme').counters).toMatchObject({
        total: 7,
        logins: 1,
        apiUsage: 0,
        byKind: { describe: 1, composite: 1 },
      });
      // The permission belongs to a user: a token that names none is still an invalid session.
      expect((await restGet(sim.url, 'not-a-token', '/limits')).status).toBe(401);
      expect((await fetch(`${sim.url}/services/data/`)).status).toBe(200);

      sim.org('acme').setFaults({});
      expect((await restGet(sim.url, token, '/limits')).status).toBe(200);
    },
  );
});
