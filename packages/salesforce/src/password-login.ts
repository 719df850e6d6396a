import type { RetryPolicy } from './retry-policy.ts';
import { requestGrant, type OAuthClient, type TokenGrant } from './token-grant.ts';

/** What the username-password OAuth flow needs. */
export interface PasswordCredentials extends OAuthClient {
  username: string;
  password: string;
  securityToken: string | null;
}

/**
 * The OAuth password grant (the password with the security token appended). It never issues a
 * refresh token: when the session expires, log in again.
 */
export function loginWithPassword(credentials: PasswordCredentials, policy?: RetryPolicy): Promise<TokenGrant> {
  return requestGrant(
    credentials,
    (oauth2) => oauth2.authenticate(credentials.username, credentials.password + (credentials.securityToken ?? '')),
    policy,
  );
}
