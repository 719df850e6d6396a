import { STATUS_CODES } from 'node:http';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { InvalidInputError } from '../../check-schema.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { requireAdminToken } from './admin-auth.ts';
import { AdminError } from './admin-error.ts';
import { registerCountersRoutes } from './counters-routes.ts';
import { registerFaultsRoutes } from './faults-routes.ts';
import { registerLineageRoutes } from './lineage-routes.ts';
import { registerMutationsRoutes } from './mutations-routes.ts';
import { registerOAuthRoutes } from './oauth-routes.ts';
import { registerOrgsRoutes } from './orgs-routes.ts';

/** Options of the admin plugin. */
export interface AdminOptions {
  state: SimulatorState;
  /** When set, every admin route requires `Authorization: Bearer <adminToken>`. */
  adminToken?: string | undefined;
}

function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
}

/**
 * The admin API, registered under ADMIN_PREFIX: reads and changes orgs' faults, counters, OAuth state, shape and
 * metadata for callers outside the simulator's process. It lives in its own Fastify scope, apart from the Salesforce
 * routes, so admin requests are never counted, delayed or faulted, and its errors are plain JSON rather than
 * Salesforce's arrays.
 */
export const adminPlugin: FastifyPluginAsync<AdminOptions> = async (app, { state, adminToken }) => {
  if (adminToken) app.addHook('onRequest', requireAdminToken(adminToken));
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof InvalidInputError) return sendError(reply, 400, error.message);
    if (error instanceof AdminError) return sendError(reply, error.statusCode, error.message);
    // Fastify's own refusals (bad JSON, wrong content type) keep their status; anything else is a bug, logged
    // not shown.
    const status = error.statusCode ?? 500;
    if (status < 500) return sendError(reply, status, error.message);
    request.log.error({ err: error }, 'admin request failed');
    return sendError(reply, status, 'internal error');
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendError(reply, 404, `no admin route ${request.method} ${request.url.split('?')[0]}`),
  );
  registerOrgsRoutes(app, state);
  registerFaultsRoutes(app, state);
  registerCountersRoutes(app, state);
  registerOAuthRoutes(app, state);
  registerMutationsRoutes(app, state);
  registerLineageRoutes(app, state);
};
