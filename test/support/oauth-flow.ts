import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import type { AuthorizationView as OAuthConnectionView } from '@sfmeta/api/schemas/connection';
import { eventually, type ConnectionView } from './flow.ts';
import type { Stack } from './stack.ts';

export type { AuthorizationView as OAuthConnectionView } from '@sfmeta/api/schemas/connection';

/** Registers an OAuth connection: 201 with the URL a user would open. */
export async function createOAuthConnection(stack: Stack, org: OrgSpec): Promise<OAuthConnectionView> {
  const created = await stack.call<OAuthConnectionView>('POST', '/api/v1/connections', {
    authType: 'oauth',
    host: stack.simulator.url,
    consumerKey: org.clientId,
    consumerSecret: org.clientSecret,
  });
  if (created.status !== 201) throw new Error(`POST /connections answered ${created.status}: ${created.text}`);
  return created.body;
}

/** Opens the authorize URL as a browser would and returns where Salesforce redirects it. */
export async function followAuthorizeUrl(authorizeUrl: string): Promise<URL> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}`);
  return new URL(location);
}

/** Calls sfmeta's OAuth callback (no API key) with the query Salesforce put on the redirect. */
export async function callCallback(stack: Stack, query: URLSearchParams): Promise<{ status: number; text: string }> {
  const response = await stack.api.inject({ method: 'GET', url: `/api/v1/oauth/from_oauth/?${query.toString()}` });
  return { status: response.statusCode, text: response.body };
}

/** Waits until the connection settles after a callback. */
export function waitForConnection(stack: Stack, connectionId: string): Promise<ConnectionView> {
  return eventually(
    async () => (await stack.call<ConnectionView>('GET', `/api/v1/connections/${connectionId}`)).body,
    (view) => view.status !== 'pending' && view.status !== 'awaiting_authorization',
  );
}

/** The whole web-server flow: create, authorize on the simulator, callback, connect job. */
export async function authorizeNewConnection(stack: Stack, org: OrgSpec): Promise<ConnectionView> {
  const created = await createOAuthConnection(stack, org);
  const redirect = await followAuthorizeUrl(created.authorizeUrl);
  const answer = await callCallback(stack, redirect.searchParams);
  if (answer.status !== 200) throw new Error(`callback answered ${answer.status}: ${answer.text}`);
  return waitForConnection(stack, created.id);
}
