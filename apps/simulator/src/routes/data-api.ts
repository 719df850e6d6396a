import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDataPath, versionsList } from '../rest/api-path.ts';
import { type RestError, restErrors } from '../rest/rest-error.ts';
import { restRoutes } from '../rest/rest-routes.ts';
import { dispatchRest, findRoute } from '../rest/rest-router.ts';
import type { RestContext, RestRequest } from '../rest/rest-types.ts';
import type { SimulatorState } from '../runtime/simulator-state.ts';
import { bearerToken } from '../runtime/sessions.ts';
import { countRequest } from './org-of-request.ts';
import { delay, sendJson } from './reply.ts';

/**
 * Everything under /services/data. Order matters and mirrors what a client would observe:
 * count the request, wait the latency, inject faults, check the session (revoked, TTL in calls or ms), check the
 * user's API permission (Faults.apiDisabled: a valid token is needed to learn who the user is), check the version,
 * charge the daily limit, then answer with Sforce-Limit-Info. The versions list needs no session and suffers only
 * latency.
 */
export function registerDataApi(app: FastifyInstance, state: SimulatorState): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = parseDataPath(request.url);
    const session = state.sessions.find(bearerToken(request.headers.authorization));
    const runtime = session ? state.orgs.get(session.orgName) : undefined;
    if (!target || target.type === 'versions') {
      countRequest(request, runtime, 'versions');
      await delay((runtime?.faults.faults ?? state.defaultFaults).latencyMs);
      return sendJson(reply, 200, versionsList());
    }
    const route = target.supported ? findRoute(restRoutes, target.path)?.route : undefined;
    countRequest(request, runtime, route?.kind ?? 'other');
    await delay((runtime?.faults.faults ?? state.defaultFaults).latencyMs);
    const fail = (error: RestError, headers: Record<string, string> = {}) =>
      sendJson(reply, error.status, error.body(), headers);
    if (!runtime || !session) return fail(restErrors.invalidSession(), { 'www-authenticate': 'Token' });

    const fault = runtime.faults.roll();
    if (fault === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (fault === 'unavailable') return fail(restErrors.unavailable());
    if (fault === 'throttled') return fail(restErrors.throttled());

    if (!runtime.admitSession(session, true)) return fail(restErrors.invalidSession(), { 'www-authenticate': 'Token' });
    if (runtime.faults.faults.apiDisabled) return fail(restErrors.apiDisabled());

    const restRequest: RestRequest = {
      method: request.method,
      version: target.version,
      path: target.path,
      query: target.query,
      headers: request.headers as Record<string, string | undefined>,
      body: request.body ?? null,
    };
    if (!runtime.charge(route?.cost?.(restRequest) ?? 1))
      return fail(restErrors.limitExceeded(), { 'sforce-limit-info': runtime.limitInfo() });
    if (!target.supported) return fail(restErrors.notFound(), { 'sforce-limit-info': runtime.limitInfo() });

    const context: RestContext = { org: runtime, dispatch: (sub) => dispatchRest(restRoutes, sub, context) };
    const response = dispatchRest(restRoutes, restRequest, context);
    return sendJson(
      reply,
      response.status,
      response.body,
      { ...response.headers, 'sforce-limit-info': runtime.limitInfo() },
      response.json,
    );
  };
  app.all('/services/data', handler);
  app.all('/services/data/*', handler);
}
