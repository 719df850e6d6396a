import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../../app-error.ts';
import { ErrorResponse, IdParams, Timestamp, commonErrors } from '../../../../schemas/common.ts';
import { CatalogObject, CatalogObjectSummary } from '../../../../schemas/catalog.ts';
import { Identifier } from '../../../../schemas/text.ts';

const tags = ['catalog'];

/** /api/v1/connections/:id/objects: the catalog of the latest successful extraction. */
const objects: FastifyPluginAsyncTypebox = async (app) => {
  /** The latest succeeded run of a connection, or the reason there is none. */
  const latestRun = async (id: string) => {
    const catalog = await app.stores.runs.latestCatalog(id);
    if (catalog) return catalog;
    if (!(await app.stores.connections.get(id))) throw new AppError('NOT_FOUND', `connection ${id} does not exist`);
    throw new AppError('NO_CATALOG', `connection ${id} has no completed extraction yet`);
  };

  app.get(
    '/:id/objects',
    {
      schema: {
        tags,
        summary: 'List the objects of the latest completed extraction',
        params: IdParams,
        response: {
          200: Type.Object({
            runId: Type.String({ format: 'uuid' }),
            extractedAt: Timestamp,
            items: Type.Array(CatalogObjectSummary),
          }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { runId, extractedAt } = await latestRun(request.params.id);
      const items = await app.stores.catalog.listObjects(runId);
      return { runId, extractedAt: extractedAt.toISOString(), items };
    },
  );

  app.get(
    '/:id/objects/:name',
    {
      schema: {
        tags,
        summary: 'Show one object of the latest completed extraction, with every field',
        params: Type.Object({ id: IdParams.properties.id, name: Identifier({ maxLength: 255 }) }),
        response: { 200: CatalogObject, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const { id, name } = request.params;
      const { runId } = await latestRun(id);
      const object = await app.stores.catalog.getObject(runId, name);
      if (!object) throw new AppError('NOT_FOUND', `object ${name} is not in the catalog`);
      return object;
    },
  );
};

export default objects;
