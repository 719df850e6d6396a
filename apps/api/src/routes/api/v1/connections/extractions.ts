import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import { enqueueExtract } from '@sfmeta/queue/enqueue';
import { isRunJobAlive } from '@sfmeta/queue/run-jobs';
import { AppError } from '../../../../app-error.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import { ExtractionResponse, toExtractionResponse } from '../../../../schemas/extraction.ts';

/** /api/v1/connections/:id/extractions: start extracting an org's catalog, and list its extractions. */
const extractions: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * True when an active run's `extract` job no longer exists, or has ended without ending the run.
   * A run just created may not have its job yet: only runs past the workers' grace count as lost.
   */
  const isOrphaned = async (run: ExtractionRun): Promise<boolean> => {
    if (Date.now() - run.createdAt.getTime() < app.config.worker.lostRunGraceMs) return false;
    return !(await isRunJobAlive(app.queues, run.id));
  };

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
      let { run, created } = await app.stores.runs.startOrGetActive(id);
      if (!created && (await isOrphaned(run))) {
        // Its jobs are gone (Redis lost its data, or someone removed them): nobody will ever
        // finish it, and it would block this connection's extractions for good.
        await app.stores.runs.markFailed(run.id, 'RUN_LOST', "the run's jobs were lost; a new run replaced it");
        ({ run, created } = await app.stores.runs.startOrGetActive(id));
      }
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

  app.get(
    '/:id/extractions',
    {
      schema: {
        tags: ['extractions'],
        summary: "List a connection's extractions, newest first",
        params: IdParams,
        // Types are not coerced anywhere (a wrong type is a 400), so the number is matched as text.
        querystring: Type.Object(
          { limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: '1 to 100, default 20' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ExtractionResponse) }), 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await app.stores.connections.get(id))) throw new AppError('NOT_FOUND', `connection ${id} does not exist`);
      const runs = await app.stores.runs.listFor(id, Number(request.query.limit ?? 20));
      return { items: runs.map(toExtractionResponse) };
    },
  );
};

export default extractions;
