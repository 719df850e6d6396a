import type { FastifyInstance } from 'fastify';
import { restErrors } from '../rest/rest-error.ts';
import type { SimulatorState } from '../runtime/simulator-state.ts';
import { countRequest } from './org-of-request.ts';
import { delay, sendJson } from './reply.ts';

/**
 * POST /services/oauth2/revoke with `token=` (form body, or query as Salesforce also allows).
 * A refresh token takes every access token issued from it along; an access token goes alone.
 * Unknown and already dead tokens get 400 invalid_token.
 */
export function registerOAuthRevoke(app: FastifyInstance, state: SimulatorState): void {
  app.all('/services/oauth2/revoke', async (request, reply) => {
    if (request.method !== 'POST' && request.method !== 'GET') {
      const error = restErrors.methodNotAllowed(request.method, ['GET', 'POST']);
      return sendJson(reply, error.status, error.body());
    }
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
      string,
      string | undefined
    >;
    const token = body.token ?? (request.query as Record<string, string | undefined>).token ?? '';
    const session = state.sessions.find(token);
    const org = session
      ? state.orgs.get(session.orgName)
      : [...state.orgs.values()].find((o) => o.oauth.refreshTokens.find(token) !== undefined);
    countRequest(request, org, 'oauth_revoke');
    await delay((org?.faults.faults ?? state.defaultFaults).latencyMs);
    if (!org?.oauth.revoke(token))
      return sendJson(reply, 400, { error: 'invalid_token', error_description: 'invalid token' });
    org.counters.revocations++;
    return reply.code(200).send();
  });
}
