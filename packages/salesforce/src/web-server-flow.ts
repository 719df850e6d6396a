import { createHash, randomBytes } from 'node:crypto';
import type { RetryPolicy } from './retry-policy.ts';
import { requestGrant, type OAuthClient, type TokenGrant } from './token-grant.ts';

/** The scopes sfmeta asks for: the API, and a refresh token that outlives the session. */
export const webServerScopes = 'api refresh_token offline_access';

/** A random `state` for one authorization: single-use, bound to one connection by the caller. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}

/** A PKCE pair: the verifier stays on the server, the S256 challenge goes in the authorize URL. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The host's `/services/oauth2/authorize` URL that starts the web-server flow. */
export function buildAuthorizeUrl(options: {
  host: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes?: string;
}): string {
  const url = new URL('/services/oauth2/authorize', options.host);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: options.scopes ?? webServerScopes,
    state: options.state,
    code_challenge: options.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** Exchanges an authorization code (with its PKCE verifier) for access and refresh tokens. */
export function exchangeAuthorizationCode(
  client: OAuthClient & { redirectUri: string },
  code: string,
  codeVerifier: string,
  policy?: RetryPolicy,
): Promise<TokenGrant> {
  return requestGrant(client, (oauth2) => oauth2.requestToken(code, { code_verifier: codeVerifier }), policy);
}

/**
 * The refresh_token grant. With refresh-token rotation on, the grant carries a new refresh token
 * and the old one is dead: the caller must store it before anything else.
 */
export function refreshAccessToken(
  client: OAuthClient,
  refreshToken: string,
  policy?: RetryPolicy,
): Promise<TokenGrant> {
  return requestGrant(client, (oauth2) => oauth2.refreshToken(refreshToken), policy);
}
