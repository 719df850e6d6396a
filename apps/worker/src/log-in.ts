import type { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { loginWithPassword } from '@sfmeta/salesforce/password-login';
import type { TokenGrant } from '@sfmeta/salesforce/token-grant';

/** Logs a stored connection in with its decrypted credentials; undefined once it is deleted. */
export async function logIn(connections: ConnectionStore, connectionId: string): Promise<TokenGrant | undefined> {
  const [connection, secrets] = await Promise.all([connections.get(connectionId), connections.secrets(connectionId)]);
  if (!connection || !secrets) return undefined;
  return loginWithPassword({
    loginUrl: connection.host,
    clientId: connection.consumerKey,
    clientSecret: secrets.consumerSecret,
    username: connection.username ?? '',
    password: secrets.password ?? '',
    securityToken: secrets.securityToken,
  });
}
