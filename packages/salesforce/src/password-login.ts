import { OAuth2 } from 'jsforce';
import pRetry, { AbortError } from 'p-retry';
import { defaultRetryPolicy, retryOptions, type RetryPolicy } from './retry-policy.ts';
import { toSalesforceError } from './salesforce-error.ts';
import type { Session } from './session.ts';

/** What the username-password OAuth flow needs. */
export interface PasswordCredentials {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  securityToken: string | null;
}

/** A session from the token endpoint, with the identity URL it names. */
export interface LoginResult extends Session {
  identityUrl: string;
  orgId: string;
  userId: string;
  issuedAt: Date;
}

interface TokenResponse {
  access_token: string;
  instance_url: string;
  id: string;
  issued_at?: string;
}

/** Parses `https://login.salesforce.com/id/<orgId>/<userId>`. */
export function parseIdentityUrl(identityUrl: string): { orgId: string; userId: string } {
  const [orgId, userId] = new URL(identityUrl).pathname.split('/').slice(-2);
  if (!orgId || !userId) throw new Error(`Unexpected identity URL: ${identityUrl}`);
  return { orgId, userId };
}

/**
 * The OAuth password grant (the password with the security token appended). It never issues a
 * refresh token: when the session expires, log in again. Authentication failures are not retried.
 */
export async function loginWithPassword(
  credentials: PasswordCredentials,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<LoginResult> {
  const oauth2 = new OAuth2({
    loginUrl: credentials.loginUrl,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    redirectUri: `${credentials.loginUrl}/services/oauth2/success`,
  });
  const response = (await pRetry(
    async () => {
      try {
        return await oauth2.authenticate(credentials.username, credentials.password + (credentials.securityToken ?? ''));
      } catch (error) {
        const failure = toSalesforceError(error);
        throw failure.transient ? failure : new AbortError(failure);
      }
    },
    retryOptions(policy),
  )) as unknown as TokenResponse;
  const issuedAt = Number(response.issued_at);
  return {
    accessToken: response.access_token,
    instanceUrl: response.instance_url,
    identityUrl: response.id,
    ...parseIdentityUrl(response.id),
    issuedAt: Number.isFinite(issuedAt) ? new Date(issuedAt) : new Date(),
  };
}
