import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestKind } from '../runtime/counters.ts';
import type { OrgRuntime } from '../runtime/org-runtime.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The simulated org this request reached, once a route has told; its answer's bytes count for that org. */
    simulatedOrg: OrgRuntime | undefined;
    /** The org this request counts as in flight for: API requests only, OAuth ones are not. */
    inFlightFor: OrgRuntime | undefined;
  }
}

/**
 * Counts a request for the org it reached, if any, and makes the org's bytesSent count its answer. An API request
 * (REST or identity, what a client sends with its session; not OAuth's) is in flight until its answer is sent.
 */
export function countRequest(request: FastifyRequest, org: OrgRuntime | undefined, kind: RequestKind): void {
  if (!org) return;
  org.count(kind);
  request.simulatedOrg = org;
  if (!kind.startsWith('oauth_') && !request.inFlightFor) {
    org.requestStarted();
    request.inFlightFor = org;
  }
}

/**
 * Adds the bytes of every answer body to its org's bytesSent. It hooks onSend, which sees the body as serialized
 * (strings and buffers here: the simulator sends no streams), whatever route, error handler or fault sent it.
 */
export function registerBytesSent(app: FastifyInstance): void {
  app.decorateRequest('simulatedOrg', undefined);
  app.decorateRequest('inFlightFor', undefined);
  // The raw response closes once the answer is sent, or when the socket dies (a dropped request, whose reply is
  // hijacked, sees no Fastify hook): either way the request is no longer in flight.
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.once('close', () => request.inFlightFor?.requestEnded());
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const org = request.simulatedOrg;
    if (org && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      org.counters.bytesSent += Buffer.byteLength(payload);
    }
    return payload;
  });
}
