import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { CatalogView } from '@sfmeta/catalog/catalog-store';
import type { CatalogItem, ItemKind } from '@sfmeta/catalog/item-store';
import { type ViewContext, triggerObjectIds, userIdsOf } from '@sfmeta/catalog/item-views';
import { AppError } from './app-error.ts';
import { catalogFor } from './catalog-lookup.ts';
import { ErrorResponse, IdParams, Timestamp, commonErrors } from './schemas/common.ts';
import { DEFAULT_PAGE_SIZE, NextCursor, PageLimit, RunQuery, SearchQuery, nextCursor } from './schemas/paging.ts';
import { Identifier } from './schemas/text.ts';

/** One kind of catalog item as the API serves it: a paged, searchable list, and each item by its id. */
export interface ItemRouteSpec {
  kind: ItemKind;
  /** The path under a connection: `reports`, `apex-classes`. */
  path: string;
  /** The name of the id parameter: `reportId`. */
  param: string;
  /** What one is called in summaries and messages: `report`, `Apex class`. */
  noun: string;
  /** What more than one are called: `reports`, `Apex classes`. */
  plural: string;
  /** What `?q=` searches, for the documentation (ItemStore decides). */
  searched: string;
  view: (item: CatalogItem, context: ViewContext) => object;
  schema: TSchema;
}

// A Salesforce id, 15 or 18 characters: the cursor of item lists.
const ItemCursor = Type.String({
  pattern: '^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$',
  description: 'The `next` of the previous page',
});

/** `Apex classes` → `ApexClasses`: a noun as part of an operationId. */
const pascalCase = (words: string): string =>
  words
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** The list and show routes of one kind of item, under /api/v1/connections. */
export function itemRoutes(spec: ItemRouteSpec): FastifyPluginAsyncTypebox {
  const tags = ['catalog'];
  return async (app) => {
    app.get(
      `/:id/${spec.path}`,
      {
        schema: {
          operationId: `list${pascalCase(spec.plural)}`,
          tags,
          summary: `List the ${spec.plural} of the latest completed extraction (or of \`run\`), a page at a time`,
          params: IdParams,
          querystring: Type.Object(
            {
              limit: Type.Optional(PageLimit),
              after: Type.Optional(ItemCursor),
              q: Type.Optional(SearchQuery(spec.searched)),
              run: Type.Optional(RunQuery),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              runId: Type.String({ format: 'uuid' }),
              extractedAt: Timestamp,
              items: Type.Array(spec.schema),
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
        const items = await app.stores.items.list(catalog, spec.kind, {
          ...(after ? { after } : {}),
          ...(q ? { query: q } : {}),
          limit: size,
        });
        // ItemStore.list leaves out Apex source: a page of classes would otherwise weigh megabytes.
        const views = await viewsOf(app, catalog, spec, items);
        const next = nextCursor(items.length, size, items.at(-1)?.name);
        return { runId: catalog.runId, extractedAt: catalog.extractedAt.toISOString(), items: views, next };
      },
    );

    app.get(
      `/:id/${spec.path}/:${spec.param}`,
      {
        schema: {
          operationId: `get${pascalCase(spec.noun)}`,
          tags,
          summary: `Show one ${spec.noun} of the latest completed extraction (or of \`run\`)`,
          params: Type.Object({ id: IdParams.properties.id, [spec.param]: Identifier({ maxLength: 100 }) }),
          querystring: Type.Object({ run: Type.Optional(RunQuery) }, { additionalProperties: false }),
          response: { 200: spec.schema, 404: ErrorResponse, ...commonErrors },
        },
      },
      async (request) => {
        // The schema requires both; its computed key types them as possibly absent.
        const { id = '', [spec.param]: itemId = '' } = request.params;
        const catalog = await catalogFor(app, id, request.query.run);
        const item = await app.stores.items.get(catalog, spec.kind, itemId);
        if (!item) throw new AppError('NOT_FOUND', `${spec.noun} ${itemId} is not in the catalog`);
        const [view] = await viewsOf(app, catalog, spec, [item]);
        return view;
      },
    );
  };
}

/** The views of a page of items: the connection's links, and the users and objects the page names, read once. */
export async function viewsOf(
  app: Pick<FastifyInstance, 'stores'>,
  catalog: CatalogView,
  spec: Pick<ItemRouteSpec, 'view'>,
  items: readonly CatalogItem[],
): Promise<{ body?: unknown }[]> {
  if (items.length === 0) return [];
  const contents = items.map((item) => item.content);
  const [connection, users, objectNames] = await Promise.all([
    app.stores.connections.get(catalog.connectionId),
    app.stores.items.users(catalog, contents.flatMap(userIdsOf)),
    app.stores.catalog.objectNames(catalog, triggerObjectIds(contents)),
  ]);
  const context: ViewContext = { instanceUrl: connection?.instanceUrl ?? null, users, objectNames };
  return items.map((item) => spec.view(item, context));
}
