import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { RestError, restErrors } from './rest/rest-error.ts';
import type { SimulatorState } from './runtime/simulator-state.ts';
import { adminPlugin } from './routes/admin/admin-plugin.ts';
import { ADMIN_PREFIX } from './routes/admin/admin-prefix.ts';
import { registerDataApi } from './routes/data-api.ts';
import { registerIdentity } from './routes/identity.ts';
import { registerBytesSent } from './routes/org-of-request.ts';
import { registerOAuthAuthorize } from './routes/oauth-authorize.ts';
import { registerOAuthRevoke } from './routes/oauth-revoke.ts';
import { registerOAuthToken } from './routes/oauth-token.ts';
import { delay, sendJson } from './routes/reply.ts';

/** Options of buildApp. */
export interface AppOptions {
  logger?: boolean;
  /** When set, the admin API under ADMIN_PREFIX requires `Authorization: Bearer <adminToken>`; open otherwise. */
  adminToken?: string | undefined;
}

/** Builds the simulator's Fastify app over prepared state; it does not listen, so tests can `inject`. */
export async function buildApp(state: SimulatorState, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 10 * 1024 * 1024 });
  await app.register(formbody);
  registerBytesSent(app);
  await app.register(adminPlugin, { prefix: ADMIN_PREFIX, state, adminToken: options.adminToken });
  registerOAuthAuthorize(app, state);
  registerOAuthToken(app, state);
  registerOAuthRevoke(app, state);
  registerIdentity(app, state);
  registerDataApi(app, state);
  app.setNotFoundHandler(async (_request, reply) => {
    await delay(state.defaultFaults.latencyMs);
    return sendJson(reply, 404, restErrors.notFound().body());
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    // Fastify's own 4xx (bad JSON, wrong content type) become Salesforce-style arrays; 5xx hide their message.
    const body =
      status < 500
        ? new RestError(status, status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'JSON_PARSER_ERROR', error.message).body()
        : new RestError(
            500,
            'UNKNOWN_EXCEPTION',
            'An unexpected error occurred. Please include this ErrorId if you contact support.',
          ).body();
    return sendJson(reply, status, body);
  });
  return app;
}
