import type { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { loginWithPassword } from '@sfmeta/salesforce/password-login';
import { SalesforceError } from '@sfmeta/salesforce/salesforce-error';
import type { Session } from '@sfmeta/salesforce/session';
import { refreshAccessToken } from '@sfmeta/salesforce/web-server-flow';

/**
 * Few, quick retries: the renewal holds a lock that other workers wait on, and it must end well
 * within the lock's lifetime (three token requests of at most 15 s each, and the pauses).
 */
const renewalRetry = { retries: 2, minTimeout: 250, maxTimeout: 2000 };

/**
 * Gets a new session for a stored connection and stores it before returning: a new login for
 * password connections, the refresh_token grant for OAuth ones. A rotated refresh token is stored
 * in the same write as the access token, so it is never lost.
 */
export async function grantSession(connections: ConnectionStore, connectionId: string): Promise<Session> {
  const [connection, secrets] = await Promise.all([connections.get(connectionId), connections.secrets(connectionId)]);
  if (!connection || !secrets) {
    throw new SalesforceError('CONNECTION_DELETED', `Connection ${connectionId} no longer exists`, 'not_found');
  }
  const client = { loginUrl: connection.host, clientId: connection.consumerKey, clientSecret: secrets.consumerSecret };
  let grant;
  if (connection.authType === 'oauth') {
    if (!secrets.refreshToken) {
      throw new SalesforceError('NO_REFRESH_TOKEN', 'The connection has no refresh token; authorize it again', 'auth');
    }
    grant = await refreshAccessToken(client, secrets.refreshToken, renewalRetry);
  } else {
    grant = await loginWithPassword({
      ...client,
      username: connection.username ?? '',
      password: secrets.password ?? '',
      securityToken: secrets.securityToken,
    }, renewalRetry);
  }
  const session = { accessToken: grant.accessToken, instanceUrl: grant.instanceUrl };
  await connections.saveSession(connectionId, { ...session, issuedAt: grant.issuedAt, refreshToken: grant.refreshToken });
  return session;
}
