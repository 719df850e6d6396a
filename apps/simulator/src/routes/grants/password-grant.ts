import { oauthError, oauthErrors, type GrantHandler } from './grant-types.ts';
import { tokenResponse } from './token-response.ts';

/**
 * grant_type=password: client secret, username, and password with the security token appended. Never issues a
 * refresh token.
 */
export const passwordGrant: GrantHandler = ({ params, org, baseUrl }) => {
  const spec = org.org.spec;
  if (params.client_secret !== spec.clientSecret) return oauthErrors.invalidClient();
  if (params.username !== spec.username || params.password !== spec.password + spec.securityToken) {
    return oauthError('invalid_grant', 'authentication failure');
  }
  if (!org.oauth.settings.userActive) return oauthErrors.inactiveUser();
  return { ok: true, body: tokenResponse(org, baseUrl) };
};
