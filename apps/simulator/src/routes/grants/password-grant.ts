import { oauthError, type GrantHandler } from './grant-types.ts';
import { tokenResponse } from './token-response.ts';

/** grant_type=password: client secret, username, and password with the security token appended. Never issues a refresh token. */
export const passwordGrant: GrantHandler = ({ params, org, state, baseUrl }) => {
  const spec = org.org.spec;
  if (params['client_secret'] !== spec.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
  if (params['username'] !== spec.username || params['password'] !== spec.password + spec.securityToken) {
    return oauthError('invalid_grant', 'authentication failure');
  }
  return { ok: true, body: tokenResponse(org, state.sessions, baseUrl) };
};
