import { verifierMatches } from '../../runtime/authorization-codes.ts';
import { oauthErrors, type GrantHandler } from './grant-types.ts';
import { tokenResponse } from './token-response.ts';

/** Scopes that make Salesforce issue a refresh token. */
const REFRESH_SCOPES = new Set(['refresh_token', 'offline_access']);

/**
 * grant_type=authorization_code (web-server flow): the code is consumed by the first exchange, even
 * one that fails later, so a retry with the same code never succeeds. A code verifier is checked
 * when the authorize request carried a challenge and ignored otherwise.
 */
export const authorizationCodeGrant: GrantHandler = ({ params, org, baseUrl }) => {
  if (params.client_secret !== org.org.spec.clientSecret) return oauthErrors.invalidClient();
  const code = org.oauth.codes.take(params.code);
  if (!code) return oauthErrors.invalidCode();
  if (params.redirect_uri !== code.redirectUri) return oauthErrors.redirectMismatch();
  if (!verifierMatches(code, params.code_verifier)) return oauthErrors.invalidVerifier();
  if (!org.oauth.settings.userActive) return oauthErrors.inactiveUser();
  const wantsRefresh = code.scope.split(' ').some((s) => REFRESH_SCOPES.has(s));
  const refresh = wantsRefresh ? org.oauth.refreshTokens.issue(code.scope) : undefined;
  return {
    ok: true,
    body: tokenResponse(org, baseUrl, { scope: code.scope, grantId: refresh?.grantId, refreshToken: refresh?.token }),
  };
};
