import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Connection } from '@sfmeta/catalog/connection-store';
import { enqueueConnect } from '@sfmeta/queue/enqueue';
import { AppError } from '../../../../app-error.ts';
import { requestAuthorization } from '../../../../authorization.ts';
import { createHostPolicy } from '../../../../host-policy.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import {
  AuthorizationResponse,
  ConnectionResponse,
  PASSWORD_ONLY_FIELDS,
  UpdateConnectionBody,
  toConnectionResponse,
} from '../../../../schemas/connection.ts';

/**
 * PATCH /api/v1/connections/:id: change what a connection's extractions read (its scope) and how many requests
 * they send its org at once, or replace its settings or credentials and connect again.
 */
const update: FastifyPluginAsyncTypebox = async (app) => {
  const hostPolicy = createHostPolicy(app.config.api.allowedHosts);
  const notFound = (id: string) => new AppError('NOT_FOUND', `connection ${id} does not exist`);
  /** Applies what keeps the session (scope, request limit); the connection as it then is, undefined when gone. */
  const applyLiveSettings = async (
    id: string,
    { scope, maxConcurrentRequests }: Pick<Static<typeof UpdateConnectionBody>, 'scope' | 'maxConcurrentRequests'>,
  ): Promise<Connection | undefined> => {
    let connection: Connection | undefined;
    if (scope) connection = await app.stores.connections.setScope(id, scope);
    if (maxConcurrentRequests !== undefined) {
      connection = await app.stores.connections.setMaxConcurrentRequests(id, maxConcurrentRequests);
    }
    return connection ?? (await app.stores.connections.get(id));
  };

  app.patch(
    '/:id',
    {
      schema: {
        operationId: 'updateConnection',
        tags: ['connections'],
        summary:
          'Change what a connection extracts (`scope`) or its request limit (`maxConcurrentRequests`): alone they ' +
          'answer 200 and keep the session; or repair it: with new ' +
          'settings or credentials a password connection is queued to log in again (202), an oauth connection ' +
          'answers a new authorize URL (200)',
        params: IdParams,
        body: UpdateConnectionBody,
        response: {
          200: Type.Union([AuthorizationResponse, ConnectionResponse], {
            description: 'An oauth connection to authorize again, or any connection whose scope alone changed',
          }),
          202: ConnectionResponse,
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { scope, maxConcurrentRequests, ...body } = request.body;
      const live = { scope, maxConcurrentRequests };
      const connection = await app.stores.connections.get(id);
      if (!connection) throw notFound(id);
      if (Object.keys(body).length === 0) {
        // Only what the next extractions read and how hard they press the org: the session, the status and a
        // running extraction are left alone (its next requests take the new limit once its jobs start again).
        const changed = await applyLiveSettings(id, live);
        if (!changed) throw notFound(id);
        return reply.code(200).send(toConnectionResponse(changed));
      }
      if (connection.authType === 'oauth') {
        const field = PASSWORD_ONLY_FIELDS.find((name) => body[name] !== undefined);
        if (field) throw new AppError('VALIDATION_FAILED', `body/${field} is not a setting of an oauth connection`);
      }
      const changes = body.host === undefined ? body : { ...body, host: hostPolicy(body.host) };
      // The running extraction uses the current session; new credentials would pull it from under it.
      if (await app.stores.runs.activeFor(id)) {
        throw new AppError(
          'CONNECTION_BUSY',
          `connection ${id} has an extraction under way (queued, running or waiting for API budget); ` +
            'change it once that ends',
        );
      }

      if (connection.authType === 'oauth') {
        // Nothing is queued until the user has authorized the connection again.
        await applyLiveSettings(id, live);
        const reconfigured = await app.stores.connections.reconfigure(id, changes);
        if (!reconfigured) throw notFound(id);
        const authorization = await requestAuthorization(app.stores, app.config, reconfigured);
        return reply
          .code(200)
          .send({ ...toConnectionResponse(authorization.connection), authorizeUrl: authorization.authorizeUrl });
      }

      // Checked before changing anything so that an outage leaves the connection as it was in the common case.
      app.queues.assertReachable();
      await applyLiveSettings(id, live);
      const reconfigured = await app.stores.connections.reconfigure(id, changes);
      if (!reconfigured) throw notFound(id);
      try {
        await enqueueConnect(app.queues, { connectionId: id });
      } catch (error) {
        // The new settings are stored but nobody will log in with them: say so instead of a silent "pending".
        const message =
          'the new settings are saved but the job queue was unavailable to connect with them; send the PATCH again';
        await app.stores.connections
          .markFailed(id, 'QUEUE_UNAVAILABLE', message)
          .catch((cleanup: unknown) => request.log.error({ err: cleanup, connectionId: id }, 'cleanup failed'));
        throw new AppError('QUEUE_UNAVAILABLE', message, { cause: error });
      }
      return reply.code(202).send(toConnectionResponse(reconfigured));
    },
  );
};

export default update;
