import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../../app-error.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import { ExtractionResponse, toExtractionResponse } from '../../../../schemas/extraction.ts';

/** How many of a run's warnings its answer lists; `counts.warnings` says how many there are. */
export const shownWarnings = 100;

/** /api/v1/extractions/:id: follow an extraction run. */
const extractions: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getExtraction',
        tags: ['extractions'],
        summary: 'Show an extraction run and its progress',
        params: IdParams,
        response: { 200: ExtractionResponse, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const run = await app.stores.runs.get(request.params.id);
      if (!run) throw new AppError('NOT_FOUND', `extraction ${request.params.id} does not exist`);
      const [vanishedObjects, warnings, skipped] = await Promise.all([
        app.stores.runs.vanishedObjects(run.id),
        app.stores.runs.warningsOf(run.id, shownWarnings),
        app.stores.runs.skippedOf(run.id),
      ]);
      return { ...toExtractionResponse(run), vanishedObjects, warnings, skipped };
    },
  );
};

export default extractions;
