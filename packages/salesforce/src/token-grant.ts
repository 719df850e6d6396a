import { OAuth2, type HttpRequest, type HttpRequestOptions } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import pRetry, { AbortError } from 'p-retry';
import { defaultRetryPolicy, retryOptions, type RetryPolicy } from './retry-policy.ts';
import { toSalesforceError } from './salesforce-error.ts';
import type { Session } from './session.ts';

/** What the token endpoint grants: a session, who it belongs to, and maybe a refresh token. */
export interface TokenGrant extends Session {
  identityUrl: string;
  orgId: string;
  userId: string;
  issuedAt: Date;
  /** Present for the web-server flow, and on a refresh when the org rotates refresh tokens. */
  refreshToken: string | null;
}

/** The Connected App and the host whose token endpoint issues its tokens. */
export interface OAuthClient {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  /** Only the web-server flow needs it. */
  redirectUri?: string;
}

interface TokenResponse {
  access_token: string;
  instance_url: string;
  id: string;
  issued_at?: string;
  refresh_token?: string;
}

/** Token requests give up after this long; jsforce's own default is half an hour. */
export const tokenRequestTimeoutMs = 15_000;

/**
 * jsforce's transport for OAuth2's token calls: a timeout on every request, and no keep-alive
 * (`connection: close`, for the node-fetch hang explained in SalesforceClient's `send`).
 */
class TimedTransport extends Transport {
  override httpRequest(request: HttpRequest, options?: HttpRequestOptions) {
    return super.httpRequest(
      { ...request, headers: { ...request.headers, connection: 'close' } },
      { ...options, timeout: tokenRequestTimeoutMs },
    );
  }
}

/** Parses `https://login.salesforce.com/id/<orgId>/<userId>`. */
export function parseIdentityUrl(identityUrl: string): { orgId: string; userId: string } {
  const [orgId, userId] = new URL(identityUrl).pathname.split('/').slice(-2);
  if (!orgId || !userId) throw new Error(`Unexpected identity URL: ${identityUrl}`);
  return { orgId, userId };
}

/**
 * Calls the token endpoint through jsforce's OAuth2, retrying network trouble and 5xx only:
 * a refused grant is final (retrying it only locks the user out or burns a single-use code).
 */
export async function requestGrant(
  client: OAuthClient,
  grant: (oauth2: OAuth2) => Promise<unknown>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<TokenGrant> {
  const oauth2 = new OAuth2({
    loginUrl: client.loginUrl,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri ?? `${client.loginUrl}/services/oauth2/success`,
  });
  oauth2._transport = new TimedTransport();
  const response = (await pRetry(async () => {
    try {
      return await grant(oauth2);
    } catch (error) {
      const failure = toSalesforceError(error);
      throw failure.transient ? failure : new AbortError(failure);
    }
  }, retryOptions(policy))) as TokenResponse;
  const issuedAt = Number(response.issued_at);
  return {
    accessToken: response.access_token,
    instanceUrl: response.instance_url,
    identityUrl: response.id,
    ...parseIdentityUrl(response.id),
    issuedAt: Number.isFinite(issuedAt) ? new Date(issuedAt) : new Date(),
    refreshToken: response.refresh_token ?? null,
  };
}
