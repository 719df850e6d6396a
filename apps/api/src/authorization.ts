import type { Connection } from '@sfmeta/catalog/connection-store';
import type { OAuthStateStore } from '@sfmeta/catalog/oauth-state-store';
import type { Config } from '@sfmeta/config/config';
import { buildAuthorizeUrl, createPkce, createState } from '@sfmeta/salesforce/web-server-flow';
import { AppError } from './app-error.ts';
import type { Stores } from './plugins/database.ts';

/** Where Salesforce sends the browser back to; it must be the connected app's callback URL, trailing slash included. */
export const CALLBACK_PATH = '/api/v1/oauth/from_oauth/';

/** The redirect_uri of every authorize URL: the API's public origin (and path, if any) plus the callback path. */
export function redirectUriFor(config: Config): string {
  return `${config.api.publicBaseUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`;
}

/**
 * Starts the web-server flow for an oauth connection: a fresh state and PKCE pair, stored (which
 * makes the connection's earlier authorize URLs useless), and the URL to send the user to.
 * The verifier stays in the store; only its S256 challenge leaves the server.
 */
export async function issueAuthorizeUrl(
  states: OAuthStateStore,
  config: Config,
  connection: Connection,
): Promise<string> {
  const state = createState();
  const { verifier, challenge } = createPkce();
  const redirectUri = redirectUriFor(config);
  // Issuing a state is the natural moment to drop the ones nobody will ever use.
  await states.deleteExpired();
  await states.create({
    connectionId: connection.id,
    state,
    codeVerifier: verifier,
    redirectUri,
    expiresAt: new Date(Date.now() + config.oauth.stateTtlSeconds * 1000),
  });
  return buildAuthorizeUrl({
    host: connection.host,
    clientId: connection.consumerKey,
    redirectUri,
    state,
    codeChallenge: challenge,
  });
}

/**
 * Hands an oauth connection back to its user: a new authorize URL (earlier ones stop working) and
 * the connection awaiting authorization, whatever its status was. Stored tokens are not touched.
 */
export async function requestAuthorization(
  stores: Pick<Stores, 'connections' | 'oauthStates'>,
  config: Config,
  connection: Connection,
): Promise<{ connection: Connection; authorizeUrl: string }> {
  const authorizeUrl = await issueAuthorizeUrl(stores.oauthStates, config, connection);
  await stores.connections.markAwaitingAuthorization(connection.id);
  const updated = await stores.connections.get(connection.id);
  if (!updated) throw new AppError('NOT_FOUND', `connection ${connection.id} does not exist`);
  return { connection: updated, authorizeUrl };
}
