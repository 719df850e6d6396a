import { oauthErrors, type GrantHandler } from './grant-types.ts';
import { tokenResponse } from './token-response.ts';

/**
 * grant_type=refresh_token: the client secret is optional but must be right when sent. With rotation
 * on, the answer carries a new refresh token and the one used dies at once.
 */
export const refreshTokenGrant: GrantHandler = ({ params, org, baseUrl }) => {
  const secret = params.client_secret;
  if (secret !== undefined && secret !== org.org.spec.clientSecret) return oauthErrors.invalidClient();
  const refresh = org.oauth.refreshTokens.find(params.refresh_token);
  if (!refresh) return oauthErrors.expiredRefreshToken();
  if (refresh.status !== 'active') {
    org.counters.staleRefreshTokenUses++;
    return oauthErrors.expiredRefreshToken();
  }
  if (!org.oauth.settings.userActive) return oauthErrors.inactiveUser();
  const rotated = org.oauth.settings.rotateRefreshTokens ? org.oauth.refreshTokens.rotate(refresh) : undefined;
  return {
    ok: true,
    body: tokenResponse(org, baseUrl, { scope: refresh.scope, grantId: refresh.grantId, refreshToken: rotated?.token }),
  };
};
