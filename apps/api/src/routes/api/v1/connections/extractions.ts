import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../../app-error.ts';
import { startExtraction } from '../../../../run-lifecycle.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import { ExtractionResponse, toExtractionResponse } from '../../../../schemas/extraction.ts';

/** /api/v1/connections/:id/extractions: start extracting an org's catalog, and list its extractions. */
const extractions: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/:id/extractions',
    {
      schema: {
        operationId: 'startExtraction',
        tags: ['extractions'],
        summary: 'Start an extraction, or return the one already queued or running',
        description:
          'Incremental by default: objects unchanged since the last succeeded extraction are not fetched again. ' +
          '`{"mode": "full"}` describes every object.',
        params: IdParams,
        body: Type.Object(
          { mode: Type.Optional(Type.Union([Type.Literal('incremental'), Type.Literal('full')])) },
          { additionalProperties: false },
        ),
        response: { 202: ExtractionResponse, 404: ErrorResponse, 409: ErrorResponse, ...commonErrors },
      },
      // No body at all is the common request: it reads as `{}`, the defaults.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const run = await startExtraction(app, request.params.id, request.log, request.body.mode);
      reply.header('location', `/api/v1/extractions/${run.id}`);
      return reply.code(202).send(toExtractionResponse(run));
    },
  );

  app.get(
    '/:id/extractions',
    {
      schema: {
        operationId: 'listExtractions',
        tags: ['extractions'],
        summary: "List a connection's extractions, newest first",
        params: IdParams,
        // Types are not coerced anywhere (a wrong type is a 400), so the number is matched as text.
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: '1 to 100, default 20' })),
          },
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
