import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import { enqueueConnect } from '@sfmeta/queue/enqueue';
import { AppError } from '../../../../app-error.ts';
import { issueAuthorizeUrl } from '../../../../authorization.ts';
import { createHostPolicy } from '../../../../host-policy.ts';
import { dropScheduler, readSchedule } from '../../../../schedule-lifecycle.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import {
  AuthorizationResponse,
  ConnectionResponse,
  CreateConnectionBody,
  toConnectionResponse,
} from '../../../../schemas/connection.ts';
import { toScheduleResponse } from '../../../../schemas/schedule.ts';

const tags = ['connections'];

/** /api/v1/connections: register, list, show and delete Salesforce org connections. */
const connections: FastifyPluginAsyncTypebox = async (app) => {
  const hostPolicy = createHostPolicy(app.config.api.allowedHosts);
  const notFound = (id: string) => new AppError('NOT_FOUND', `connection ${id} does not exist`);
  /** Removes a connection that was stored for a request which then failed; its own failure is only logged. */
  const deleteQuietly = (id: string, log: FastifyBaseLogger) =>
    app.stores.connections
      .delete(id)
      .then(() => undefined)
      .catch((cleanup: unknown) => log.error({ err: cleanup, connectionId: id }, 'cleanup failed'));

  app.post(
    '',
    {
      schema: {
        operationId: 'createConnection',
        tags,
        summary: 'Register an org: queue its first login (password), or answer the URL to authorize it at (oauth)',
        body: CreateConnectionBody,
        response: {
          201: AuthorizationResponse,
          202: ConnectionResponse,
          400: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const origin = hostPolicy(body.host);
      if (body.authType === 'oauth') {
        // Nothing is queued until the user has authorized the connection in Salesforce.
        const connection = await app.stores.connections.create({ ...body, host: origin });
        let authorizeUrl: string;
        try {
          authorizeUrl = await issueAuthorizeUrl(app.stores.oauthStates, app.config, connection);
        } catch (error) {
          await deleteQuietly(connection.id, request.log);
          throw error;
        }
        reply.header('location', `/api/v1/connections/${connection.id}`);
        return reply.code(201).send({ ...toConnectionResponse(connection), authorizeUrl });
      }
      // Checked before storing so that an outage leaves nothing behind in the common case.
      app.queues.assertReachable();
      const connection = await app.stores.connections.create({ ...body, host: origin, authType: 'password' });
      try {
        await enqueueConnect(app.queues, { connectionId: connection.id });
      } catch (error) {
        // Nobody will ever log this connection in, so it must not stay behind as a silent "pending".
        await deleteQuietly(connection.id, request.log);
        throw new AppError('QUEUE_UNAVAILABLE', 'the job queue is unavailable, nothing was stored; try again later', {
          cause: error,
        });
      }
      reply.header('location', `/api/v1/connections/${connection.id}`);
      return reply.code(202).send(toConnectionResponse(connection));
    },
  );

  app.get(
    '',
    {
      schema: {
        operationId: 'listConnections',
        tags,
        summary: 'List connections, newest first',
        response: { 200: Type.Object({ items: Type.Array(ConnectionResponse) }), ...commonErrors },
      },
    },
    async () => ({ items: (await app.stores.connections.list()).map(toConnectionResponse) }),
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getConnection',
        tags,
        summary: 'Show a connection, its status and its extraction schedule',
        params: IdParams,
        response: { 200: ConnectionResponse, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const connection = await app.stores.connections.get(request.params.id);
      if (!connection) throw notFound(request.params.id);
      // The next tick is read from Redis; with the queue down the connection is still shown.
      const schedule = await readSchedule(app, connection.id, { tolerateQueueOutage: true });
      return {
        ...toConnectionResponse(connection),
        schedule: schedule ? toScheduleResponse(schedule.schedule, schedule.nextRunAt) : null,
      };
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        operationId: 'deleteConnection',
        tags,
        summary: 'Delete a connection with its secrets, runs, catalog and schedule',
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      if (!(await app.stores.connections.delete(request.params.id))) throw notFound(request.params.id);
      await dropScheduler(app, request.params.id, request.log);
      return reply.code(204).send(null);
    },
  );
};

export default connections;
