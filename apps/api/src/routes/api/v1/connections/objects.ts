import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { objectHistory } from '@sfmeta/catalog/object-history';
import { AppError } from '../../../../app-error.ts';
import { ErrorResponse, IdParams, Nullable, Timestamp, commonErrors } from '../../../../schemas/common.ts';
import { CatalogObject, CatalogObjectSummary } from '../../../../schemas/catalog.ts';
import { ObjectHistoryEntry, toHistoryEntry } from '../../../../schemas/history.ts';
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
        tags,
        summary: 'List the objects of the latest completed extraction (or of `run`), a page at a time',
        params: IdParams,
        // Types are not coerced anywhere (a wrong type is a 400), so the number is matched as text.
        querystring: Type.Object(
          {
            limit: Type.Optional(
              Type.String({ pattern: '^([1-9][0-9]{0,2}|1[0-9]{3}|2000)$', description: '1 to 2000, default 500' }),
            ),
            after: Type.Optional(Identifier({ maxLength: 255, description: 'The `next` of the previous page' })),
            run: Type.Optional(
              Identifier({ maxLength: 100, description: 'A succeeded extraction; default: the latest' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            runId: Type.String({ format: 'uuid' }),
            extractedAt: Timestamp,
            items: Type.Array(CatalogObjectSummary),
            next: Nullable(Type.String({ description: 'Pass as `after` for the next page; null on the last page' })),
          }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { limit = '500', after, run } = request.query;
      const catalog = await catalogFor(app, request.params.id, run);
      const size = Number(limit);
      const items = await app.stores.catalog.listObjects(catalog, { ...(after ? { after } : {}), limit: size });
      const next = items.length === size ? (items.at(-1)?.name ?? null) : null;
      return { runId: catalog.runId, extractedAt: catalog.extractedAt.toISOString(), items, next };
    },
  );

  app.get(
    '/:id/objects/:name',
    {
      schema: {
        tags,
        summary: 'Show one object of the latest completed extraction (or of `run`), with every field',
        params: ObjectParams,
        querystring: Type.Object(
          {
            run: Type.Optional(
              Identifier({ maxLength: 100, description: 'A succeeded extraction; default: the latest' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: CatalogObject, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const { id, name } = request.params;
      const catalog = await catalogFor(app, id, request.query.run);
      const object = await app.stores.catalog.getObject(catalog, name);
      if (object) return object;
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
