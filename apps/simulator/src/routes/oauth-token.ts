import type { FastifyInstance } from 'fastify';
import { restErrors } from '../rest/rest-error.ts';
import type { SimulatorState } from '../runtime/simulator-state.ts';
import { authorizationCodeGrant } from './grants/authorization-code-grant.ts';
import { oauthError, oauthErrors, type GrantHandler, type GrantResult } from './grants/grant-types.ts';
import { passwordGrant } from './grants/password-grant.ts';
import { refreshTokenGrant } from './grants/refresh-token-grant.ts';
import { countRequest } from './org-of-request.ts';
import { baseUrlOf, delay, sendJson } from './reply.ts';

/** Supported grant types, each in its own file. */
export const grantHandlers: Record<string, GrantHandler> = {
  password: passwordGrant,
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
};

/** Salesforce never lets token responses be cached. */
export const NO_CACHE = { 'cache-control': 'no-cache,must-revalidate,max-age=0,no-store,private' };

/** POST /services/oauth2/token: routes to the org by client_id, then to the grant type's handler. */
export function registerOAuthToken(app: FastifyInstance, state: SimulatorState): void {
  app.all('/services/oauth2/token', async (request, reply) => {
    if (request.method !== 'POST') {
      const error = restErrors.methodNotAllowed(request.method, ['POST']);
      return sendJson(reply, error.status, error.body());
    }
    const params = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
      string,
      string | undefined
    >;
    const org = state.byClientId.get(params.client_id ?? '');
    countRequest(request, org, 'oauth_token');
    await delay((org?.faults.faults ?? state.defaultFaults).latencyMs);
    const grantType = params.grant_type || '(none)';
    const grant = grantHandlers[grantType];
    let result: GrantResult;
    if (!grant) result = oauthError('unsupported_grant_type', 'grant type not supported');
    else if (!org || org.oauth.settings.clientDeleted) result = oauthErrors.invalidClientId();
    else result = grant({ params, org, state, baseUrl: baseUrlOf(request) });
    if (org) {
      const { counters } = org;
      counters.grants[grantType] = (counters.grants[grantType] ?? 0) + 1;
      if (result.ok) counters.logins++;
      else {
        counters.failedLogins++;
        counters.failedGrants[grantType] = (counters.failedGrants[grantType] ?? 0) + 1;
      }
    }
    return sendJson(reply, result.ok ? 200 : result.status, result.body, NO_CACHE);
  });
}
