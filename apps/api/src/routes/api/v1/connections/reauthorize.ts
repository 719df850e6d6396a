import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../../app-error.ts';
import { requestAuthorization } from '../../../../authorization.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import { AuthorizationResponse, toConnectionResponse } from '../../../../schemas/connection.ts';

/** /api/v1/connections/:id/reauthorize: a new authorize URL for an oauth connection. */
const reauthorize: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/:id/reauthorize',
    {
      schema: {
        operationId: 'reauthorizeConnection',
        tags: ['connections'],
        summary: 'Issue a new authorize URL for an oauth connection; earlier ones stop working',
        params: IdParams,
        response: { 200: AuthorizationResponse, 404: ErrorResponse, 409: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const connection = await app.stores.connections.get(id);
      if (!connection) throw new AppError('NOT_FOUND', `connection ${id} does not exist`);
      if (connection.authType !== 'oauth') {
        throw new AppError(
          'NOT_OAUTH_CONNECTION',
          `connection ${id} logs in with a password; only oauth connections are authorized`,
        );
      }
      // In any status: stored tokens are kept, but the status says the connection waits for its user.
      const { connection: updated, authorizeUrl } = await requestAuthorization(app.stores, app.config, connection);
      return { ...toConnectionResponse(updated), authorizeUrl };
    },
  );
};

export default reauthorize;
