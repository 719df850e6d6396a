import type { FastifyInstance } from 'fastify';
import { restErrors } from '../rest/rest-error.ts';
import type { SimulatorState } from '../runtime/simulator-state.ts';
import { oauthError, type GrantHandler, type GrantResult } from './grants/grant-types.ts';
import { passwordGrant } from './grants/password-grant.ts';
import { baseUrlOf, delay, sendJson } from './reply.ts';

/** Supported grant types; authorization_code and refresh_token plug in here from their own files. */
export const grantHandlers: Record<string, GrantHandler> = {
  password: passwordGrant,
};

/** POST /services/oauth2/token: routes to the org by client_id, then to the grant type's handler. */
export function registerOAuthToken(app: FastifyInstance, state: SimulatorState): void {
  app.all('/services/oauth2/token', async (request, reply) => {
    if (request.method !== 'POST') {
      const error = restErrors.methodNotAllowed(request.method, ['POST']);
      return sendJson(reply, error.status, error.body());
    }
    const params = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, string | undefined>;
    const org = state.byClientId.get(params['client_id'] ?? '');
    org?.count('oauth_token');
    await delay((org?.faults.faults ?? state.defaultFaults).latencyMs);
    const grant = grantHandlers[params['grant_type'] ?? ''];
    let result: GrantResult;
    if (!grant) result = oauthError('unsupported_grant_type', 'grant type not supported');
    else if (!org) result = oauthError('invalid_client_id', 'client identifier invalid');
    else result = grant({ params, org, state, baseUrl: baseUrlOf(request) });
    if (org) {
      if (result.ok) org.counters.logins++;
      else org.counters.failedLogins++;
    }
    return sendJson(reply, result.ok ? 200 : result.status, result.body, { 'cache-control': 'no-cache,must-revalidate,max-age=0,no-store,private' });
  });
}
