import type { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { loginWithPassword } from '@sfmeta/salesforce/password-login';
import type { RetryPolicy } from '@sfmeta/salesforce/retry-policy';
import { SalesforceError } from '@sfmeta/salesforce/salesforce-error';
import type { OAuthClient, TokenGrant } from '@sfmeta/salesforce/token-grant';
import { exchangeAuthorizationCode, refreshAccessToken } from '@sfmeta/salesforce/web-server-flow';
import { ConnectionUnusableError } from './connection-unusable-error.ts';
import { assertHostResolves } from './host-resolution.ts';

/**
 * Why a session is asked for. `connect` is the connect job's first grant, which exchanges the
 * authorization code the OAuth callback stored; `renewal` replaces a session Salesforce rejected.
 */
export type GrantPurpose = 'connect' | 'renewal';

/** Retries of a token request, by purpose. */
export const grantRetries: Record<GrantPurpose, RetryPolicy> = {
  // One quick retry: BullMQ's backoff spaces connect attempts, so a slow or unreachable host
  // holds a worker slot for seconds, not minutes, and cannot clog the connect queue.
  connect: { retries: 1, minTimeout: 500, maxTimeout: 1000 },
  // A renewal holds a lock other workers wait on: it must end well within the lock's lifetime
  // (three token requests of at most 15 s each, and the pauses).
  renewal: { retries: 2, minTimeout: 250, maxTimeout: 2000 },
};

/**
 * The one way to get a session for a stored connection: a login for password connections; for
 * OAuth ones the exchange of a stored authorization code (connect only), else the refresh_token
 * grant. The grant is stored before it is returned, a rotated refresh token in the same write.
 */
export async function grantSession(
  connections: ConnectionStore,
  connectionId: string,
  purpose: GrantPurpose,
): Promise<TokenGrant> {
  const stored = await connections.storedSession(connectionId);
  if (!stored)
    throw new ConnectionUnusableError('CONNECTION_DELETED', `Connection ${connectionId} no longer exists`, false);
  const { connection, secrets } = stored;
  if (connection.connectedAt === null) await assertHostResolves(connection.host);
  const client = { loginUrl: connection.host, clientId: connection.consumerKey, clientSecret: secrets.consumerSecret };
  const grant =
    connection.authType === 'password'
      ? await loginWithPassword(
          {
            ...client,
            username: connection.username ?? '',
            password: secrets.password ?? '',
            securityToken: secrets.securityToken,
          },
          grantRetries[purpose],
        )
      : await oauthGrant(connections, connectionId, client, secrets.refreshToken, purpose);
  await connections.saveSession(connectionId, {
    accessToken: grant.accessToken,
    instanceUrl: grant.instanceUrl,
    issuedAt: grant.issuedAt,
    refreshToken: grant.refreshToken,
  });
  return grant;
}

async function oauthGrant(
  connections: ConnectionStore,
  connectionId: string,
  client: OAuthClient,
  refreshToken: string | null,
  purpose: GrantPurpose,
): Promise<TokenGrant> {
  // A code is exchanged once: it is taken from the store and put back only if the exchange
  // failed before Salesforce could have seen it; its tokens are stored before anything else can
  // fail, so that a retried job goes on with them (through a refresh) instead of losing them.
  const authorization = purpose === 'connect' ? await connections.takeAuthorizationCode(connectionId) : undefined;
  if (authorization) {
    try {
      return await exchangeAuthorizationCode(
        { ...client, redirectUri: authorization.redirectUri },
        authorization.code,
        authorization.codeVerifier,
        grantRetries.connect,
      );
    } catch (error) {
      if (error instanceof SalesforceError && error.transient)
        await connections.saveAuthorizationCode(connectionId, authorization);
      throw error;
    }
  }
  if (!refreshToken) {
    throw new ConnectionUnusableError(
      'AUTHENTICATION_FAILED',
      'The connection holds no authorization code and no refresh token; authorize it again',
      true,
    );
  }
  return refreshAccessToken(client, refreshToken, grantRetries[purpose]);
}
