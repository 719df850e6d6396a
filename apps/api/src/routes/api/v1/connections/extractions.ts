import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { enqueueExtract } from '@sfmeta/queue/enqueue';
import { AppError } from '../../../../app-error.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import { ExtractionResponse, toExtractionResponse } from '../../../../schemas/extraction.ts';

/** /api/v1/connections/:id/extractions: start extracting an org's catalog. */
const extractions: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/:id/extractions',
    {
      schema: {
        tags: ['extractions'],
        summary: 'Start an extraction, or return the one already queued or running',
        params: IdParams,
        response: { 202: ExtractionResponse, 404: ErrorResponse, 409: ErrorResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const connection = await app.stores.connections.get(id);
      if (!connection) throw new AppError('NOT_FOUND', `connection ${id} does not exist`);
      if (connection.status !== 'connected') {
        throw new AppError(
          'CONNECTION_NOT_READY',
          `connection ${id} is ${connection.status}; extraction needs a connected org`,
        );
      }
      app.queues.assertReachable();
      const { run, created } = await app.stores.runs.startOrGetActive(id);
      if (created) {
        try {
          await enqueueExtract(app.queues, { runId: run.id });
        } catch (error) {
          // Fail the run so that it does not block the next request as an active run nobody works on.
          await app.stores.runs
            .markFailed(run.id, 'QUEUE_UNAVAILABLE', 'the job queue was unavailable when the run was requested')
            .catch((cleanup: unknown) => request.log.error({ err: cleanup, runId: run.id }, 'cleanup failed'));
          throw new AppError('QUEUE_UNAVAILABLE', 'the job queue is unavailable; try again later', { cause: error });
        }
      }
      reply.header('location', `/api/v1/extractions/${run.id}`);
      return reply.code(202).send(toExtractionResponse(run));
    },
  );
};

export default extractions;
