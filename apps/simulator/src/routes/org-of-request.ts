import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestKind } from '../runtime/counters.ts';
import type { OrgRuntime } from '../runtime/org-runtime.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The simulated org this request reached, once a route has told; its answer's bytes count for that org. */
    simulatedOrg: OrgRuntime | undefined;
  }
}

/** Counts a request for the org it reached, if any, and makes the org's bytesSent count its answer. */
export function countRequest(request: FastifyRequest, org: OrgRuntime | undefined, kind: RequestKind): void {
  if (!org) return;
  org.count(kind);
  request.simulatedOrg = org;
}

/**
 * Adds the bytes of every answer body to its org's bytesSent. It hooks onSend, which sees the body as serialized
 * (strings and buffers here: the simulator sends no streams), whatever route, error handler or fault sent it.
 */
export function registerBytesSent(app: FastifyInstance): void {
  app.decorateRequest('simulatedOrg', undefined);
  app.addHook('onSend', async (request, _reply, payload) => {
    const org = request.simulatedOrg;
    if (org && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      org.counters.bytesSent += Buffer.byteLength(payload);
    }
    return payload;
  });
}
