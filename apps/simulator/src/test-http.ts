import type { OrgSpec } from './org-spec.ts';
import { CALLBACK, testOrgSpec } from './test-support.ts';

/** POSTs a form to a running simulator's OAuth token endpoint. */
export function tokenRequest(url: string, params: Record<string, string>): Promise<Response> {
  return fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
}

async function tokens(response: Response): Promise<{ access_token: string; refresh_token?: string }> {
  if (response.status !== 200) throw new Error(`token request answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<{ access_token: string; refresh_token?: string }>;
}

/** Logs in to a running simulator with the password grant; the access token. */
export async function httpLogin(url: string, spec: OrgSpec = testOrgSpec()): Promise<string> {
  const response = await tokenRequest(url, {
    grant_type: 'password',
    client_id: spec.clientId,
    client_secret: spec.clientSecret,
    username: spec.username,
    password: spec.password + spec.securityToken,
  });
  return (await tokens(response)).access_token;
}

/** The web-server flow against a running simulator (the user approves); its access and refresh tokens. */
export async function httpWebServerLogin(
  url: string,
  spec: OrgSpec = testOrgSpec(),
): Promise<{ access_token: string; refresh_token: string }> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: spec.clientId,
    redirect_uri: CALLBACK,
    scope: 'api refresh_token offline_access',
  });
  const redirect = await fetch(`${url}/services/oauth2/authorize?${query}`, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? 'x:').searchParams.get('code');
  if (!code) throw new Error(`authorize answered ${redirect.status} without a code`);
  const response = await tokenRequest(url, {
    grant_type: 'authorization_code',
    code,
    client_id: spec.clientId,
    client_secret: spec.clientSecret,
    redirect_uri: CALLBACK,
  });
  const { access_token, refresh_token } = await tokens(response);
  if (!refresh_token) throw new Error('the code exchange gave no refresh token');
  return { access_token, refresh_token };
}

/** A REST GET with a bearer token against a running simulator; `path` is under /services/data/v62.0. */
export function restGet(
  url: string,
  token: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/services/data/v62.0${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

/** A raw admin API call, for what the typed client never sends (bad JSON, no token); `body` is sent as is. */
export function adminRequest(
  url: string,
  method: string,
  path: string,
  options: { body?: string; token?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  return fetch(`${url}/__admin${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
}
