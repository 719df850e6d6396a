import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { OrgSpec } from './org-spec.ts';
import type { Faults } from './runtime/faults.ts';
import { createSimulatorState, type SimulatorState } from './runtime/simulator-state.ts';

/** A small org spec for tests; override what a test is about. */
export function testOrgSpec(overrides: Partial<OrgSpec> = {}): OrgSpec {
  return {
    name: 'acme',
    seed: 7,
    customObjects: 6,
    fieldsPerObject: 30,
    clientId: 'acme-id',
    clientSecret: 'acme-secret',
    username: 'admin@acme.test',
    password: 'pw',
    securityToken: 'TOKEN',
    ...overrides,
  };
}

/** The app over fresh state, for `inject`. */
export async function testApp(
  specs: OrgSpec[] = [testOrgSpec()],
  faults?: Faults,
): Promise<{ app: FastifyInstance; state: SimulatorState }> {
  const state = createSimulatorState(specs, faults, 99);
  return { app: await buildApp(state), state };
}

/** Logs in with the password grant and returns the access token. */
export async function login(app: FastifyInstance, spec: OrgSpec = testOrgSpec()): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/services/oauth2/token',
    payload: new URLSearchParams({
      grant_type: 'password',
      client_id: spec.clientId,
      client_secret: spec.clientSecret,
      username: spec.username,
      password: spec.password + spec.securityToken,
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}

/** GET with a bearer token. */
export function get(app: FastifyInstance, token: string, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });
}

/** POSTs a form the way OAuth clients do. */
export function postForm(app: FastifyInstance, url: string, params: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** The callback URL tests register and redirect to. */
export const CALLBACK = 'https://app.example.test/oauth/callback';

/** Runs authorize (the test user approves) and returns the callback's query; throws unless it is a 302 to CALLBACK. */
export async function authorize(
  app: FastifyInstance,
  params: Record<string, string> = {},
  spec: OrgSpec = testOrgSpec(),
): Promise<URLSearchParams> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: spec.clientId,
    redirect_uri: CALLBACK,
    scope: 'api refresh_token offline_access',
    state: 'xyz',
    ...params,
  });
  const res = await app.inject({ url: `/services/oauth2/authorize?${query}` });
  const location = res.headers.location;
  if (res.statusCode !== 302 || typeof location !== 'string')
    throw new Error(`authorize answered ${res.statusCode}: ${res.body}`);
  const url = new URL(location);
  if (`${url.origin}${url.pathname}` !== (params.redirect_uri ?? CALLBACK))
    throw new Error(`redirected to ${location}`);
  return url.searchParams;
}

/** The web-server flow end to end, without PKCE: authorize, then exchange the code. */
export async function webServerLogin(
  app: FastifyInstance,
  spec: OrgSpec = testOrgSpec(),
): Promise<{ access_token: string; refresh_token: string; id: string }> {
  const code = (await authorize(app, {}, spec)).get('code')!;
  const res = await postForm(app, '/services/oauth2/token', {
    grant_type: 'authorization_code',
    code,
    client_id: spec.clientId,
    client_secret: spec.clientSecret,
    redirect_uri: CALLBACK,
  });
  if (res.statusCode !== 200) throw new Error(`code exchange failed: ${res.body}`);
  return res.json();
}

/** The simulator package's directory: child processes (main, the admin CLI) run there, as `npm run -w` runs them. */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A child process's environment: this one without its SIMULATOR_* variables, so only `env` configures the child. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SIMULATOR_'))),
    ...env,
  };
}
