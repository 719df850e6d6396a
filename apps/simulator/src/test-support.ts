import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { OrgSpec } from './org-spec.ts';
import type { Faults } from './runtime/faults.ts';
import { createSimulatorState, type SimulatorState } from './runtime/simulator-state.ts';

/** A small org spec for tests; override what a test is about. */
export function testOrgSpec(overrides: Partial<OrgSpec> = {}): OrgSpec {
  return {
    name: 'acme', seed: 7, customObjects: 6, fieldsPerObject: 30, clientId: 'acme-id', clientSecret: 'acme-secret',
    username: 'admin@acme.test', password: 'pw', securityToken: 'TOKEN', ...overrides,
  };
}

/** The app over fresh state, for `inject`. */
export async function testApp(specs: OrgSpec[] = [testOrgSpec()], faults?: Faults): Promise<{ app: FastifyInstance; state: SimulatorState }> {
  const state = createSimulatorState(specs, faults, 99);
  return { app: await buildApp(state), state };
}

/** Logs in with the password grant and returns the access token. */
export async function login(app: FastifyInstance, spec: OrgSpec = testOrgSpec()): Promise<string> {
  const res = await app.inject({
    method: 'POST', url: '/services/oauth2/token',
    payload: new URLSearchParams({ grant_type: 'password', client_id: spec.clientId, client_secret: spec.clientSecret,
      username: spec.username, password: spec.password + spec.securityToken }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}

/** GET with a bearer token. */
export function get(app: FastifyInstance, token: string, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });
}
