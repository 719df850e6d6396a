import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { objectHistory } from '@sfmeta/catalog/object-history';
import { AppError } from '../../../../app-error.ts';
import { ErrorResponse, IdParams, Timestamp, commonErrors } from '../../../../schemas/common.ts';
import { CatalogObject, CatalogObjectSummary } from '../../../../schemas/catalog.ts';
import { ObjectHistoryEntry, toHistoryEntry } from '../../../../schemas/history.ts';
import {
  DEFAULT_PAGE_SIZE,
  NextCursor,
  PageLimit,
  RunQuery,
  SearchQuery,
  nextCursor,
} from '../../../../schemas/paging.ts';
import { Identifier } from '../../../../schemas/text.ts';
import { catalogFor, succeededRuns } from '../../../../catalog-lookup.ts';

const tags = ['catalog'];

const ObjectParams = Type.Object({ id: IdParams.properties.id, name: Identifier({ maxLength: 255 }) });

/** /api/v1/connections/:id/objects: the catalog of the latest successful extraction, or of a given one. */
const objects: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/objects',
    {
      schema: {
        operationId: 'listObjects',
        tags,
        summary: 'List the objects of the latest completed extraction (or of `run`), a page at a time',
        params: IdParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(PageLimit),
            after: Type.Optional(Identifier({ maxLength: 255, description: 'The `next` of the previous page' })),
            q: Type.Optional(SearchQuery('name, label or description')),
            run: Type.Optional(RunQuery),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            runId: Type.String({ format: 'uuid' }),
            extractedAt: Timestamp,
            items: Type.Array(CatalogObjectSummary),
            next: NextCursor,
          }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { limit, after, q, run } = request.query;
      const catalog = await catalogFor(app, request.params.id, run);
      const size = limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit);
      const items = await app.stores.catalog.listObjects(catalog, {
        ...(after ? { after } : {}),
        ...(q ? { query: q } : {}),
        limit: size,
      });
      const next = nextCursor(items.length, size, items.at(-1)?.name);
      return { runId: catalog.runId, extractedAt: catalog.extractedAt.toISOString(), items, next };
    },
  );

  app.get(
    '/:id/objects/:name',
    {
      schema: {
        operationId: 'getObject',
        tags,
        summary: 'Show one object of the latest completed extraction (or of `run`), with every field',
        params: ObjectParams,
        querystring: Type.Object({ run: Type.Optional(RunQuery) }, { additionalProperties: false }),
        response: { 200: CatalogObject, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const { id, name } = request.params;
      const catalog = await catalogFor(app, id, request.query.run);
      const object = await app.stores.catalog.getObject(catalog, name);
      if (object) {
        const columns = await app.stores.lineage.columnsOf(catalog, object.name);
        const none = { upstream: [], downstream: [], warnings: [] };
        return {
          ...object,
          fields: object.fields.map((field) => ({ ...field, lineage: columns.get(field.name) ?? none })),
        };
      }
      const last = catalog.latest ? await lastSeen(id, name) : undefined;
      throw new AppError(
        'NOT_FOUND',
        last
          ? `object ${name} was removed from the org: last seen in extraction ${last.runId} ` +
              `(${last.extractedAt.toISOString()}); its history is at /api/v1/connections/${id}/objects/${name}/history`
          : `object ${name} is not in the catalog`,
      );
    },
  );

  app.get(
    '/:id/objects/:name/history',
    {
      schema: {
        operationId: 'getObjectHistory',
        tags,
        summary: 'The versions of one object across extractions: each change to it and to its fields, oldest first',
        params: ObjectParams,
        response: {
          200: Type.Object({ name: Type.String(), items: Type.Array(ObjectHistoryEntry) }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { id, name } = request.params;
      const entries = await historyOf(id, name);
      if (entries.length === 0) {
        await catalogFor(app, id);
        throw new AppError('NOT_FOUND', `object ${name} was never in the catalog`);
      }
      return { name, items: entries.map(toHistoryEntry) };
    },
  );

  async function historyOf(connectionId: string, name: string) {
    const [versions, runs] = await Promise.all([
      app.stores.changes.versionsOf(connectionId, 'object', name),
      succeededRuns(app, connectionId),
    ]);
    return objectHistory(versions, runs);
  }

  /** The run that last saw an object that is no longer in the current catalog. */
  async function lastSeen(connectionId: string, name: string) {
    const removal = (await historyOf(connectionId, name)).at(-1);
    return removal?.change === 'removed' ? (removal.previousRun ?? undefined) : undefined;
  }
};

export default objects;
