import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { EdgeKind } from '@sfmeta/catalog/lineage/lineage-types';
import { parseEdgeCursor } from '@sfmeta/catalog/lineage-store';
import { AppError } from '../../../../app-error.ts';
import { catalogFor } from '../../../../catalog-lookup.ts';
import { ErrorResponse, IdParams, Timestamp, commonErrors } from '../../../../schemas/common.ts';
import { EdgeKindsQuery, LineageEdge, LineageNode, LineageWarning, NodeQuery } from '../../../../schemas/lineage.ts';
import { DEFAULT_PAGE_SIZE, NextCursor, PageLimit, RunQuery } from '../../../../schemas/paging.ts';
import { Identifier } from '../../../../schemas/text.ts';

const tags = ['lineage'];

/**
 * Edges one walk returns unless `limit` says otherwise: a node like User reaches most of an org within three
 * steps (through every object's CreatedById), and an answer that size helps nobody read lineage.
 */
const defaultMaxEdges = 2000;

const CatalogRef = { runId: Type.String({ format: 'uuid' }), extractedAt: Timestamp };

/** /api/v1/connections/:id/lineage: the lineage graph of the latest completed extraction, or of a given one. */
const lineage: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/lineage',
    {
      schema: {
        operationId: 'getLineage',
        tags,
        summary: 'The lineage around one node: what it is computed from (upstream) and what reads it (downstream)',
        params: IdParams,
        querystring: Type.Object(
          {
            node: NodeQuery,
            direction: Type.Optional(Type.Enum(['upstream', 'downstream', 'both'], { description: 'Default both' })),
            depth: Type.Optional(Type.String({ pattern: '^([1-9]|10)$', description: '1 to 10 edges, default 3' })),
            limit: Type.Optional(
              Type.String({
                pattern: '^([1-9][0-9]{0,3}|10000)$',
                description: `Edges at most, 1 to 10000, default ${defaultMaxEdges}; \`truncated\` says when reached`,
              }),
            ),
            run: Type.Optional(RunQuery),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            ...CatalogRef,
            node: Type.String(),
            nodes: Type.Array(LineageNode),
            edges: Type.Array(LineageEdge),
            truncated: Type.Boolean({ description: 'True when the walk stopped at `limit` edges' }),
          }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { node, direction = 'both', depth, limit, run } = request.query;
      const catalog = await catalogFor(app, request.params.id, run);
      if (!(await app.stores.lineage.hasNode(catalog, node))) {
        throw new AppError('NOT_FOUND', `${node} is not in the catalog nor in its lineage`);
      }
      const graph = await app.stores.lineage.subgraph(catalog, node, {
        direction,
        depth: depth === undefined ? 3 : Number(depth),
        maxEdges: limit === undefined ? defaultMaxEdges : Number(limit),
      });
      return { runId: catalog.runId, extractedAt: catalog.extractedAt.toISOString(), node, ...graph };
    },
  );

  app.get(
    '/:id/lineage/edges',
    {
      schema: {
        operationId: 'listLineageEdges',
        tags,
        summary: 'Every edge of the lineage graph, a page at a time, by kind or node',
        params: IdParams,
        querystring: Type.Object(
          {
            kind: Type.Optional(EdgeKindsQuery),
            node: Type.Optional(NodeQuery),
            limit: Type.Optional(PageLimit),
            after: Type.Optional(Identifier({ maxLength: 2000, description: 'The `next` of the previous page' })),
            run: Type.Optional(RunQuery),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ ...CatalogRef, items: Type.Array(LineageEdge), next: NextCursor }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { kind, node, limit, after, run } = request.query;
      if (after !== undefined && parseEdgeCursor(after) === null) {
        throw new AppError('BAD_REQUEST', '`after` is not the `next` of an earlier page');
      }
      const catalog = await catalogFor(app, request.params.id, run);
      const page = await app.stores.lineage.edges(catalog, {
        limit: limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit),
        ...(kind ? { kinds: kind.split(',') as EdgeKind[] } : {}),
        ...(node ? { node } : {}),
        ...(after ? { after } : {}),
      });
      return {
        runId: catalog.runId,
        extractedAt: catalog.extractedAt.toISOString(),
        items: page.edges,
        next: page.next,
      };
    },
  );

  app.get(
    '/:id/lineage/warnings',
    {
      schema: {
        operationId: 'listLineageWarnings',
        tags,
        summary:
          'References the lineage could not follow (an unknown field or relationship, a formula that does not parse)',
        params: IdParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(PageLimit),
            after: Type.Optional(Identifier({ maxLength: 2000, description: 'The `next` of the previous page' })),
            run: Type.Optional(RunQuery),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ ...CatalogRef, items: Type.Array(LineageWarning), next: NextCursor }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { limit, after, run } = request.query;
      if (after !== undefined && parseEdgeCursor(after) === null) {
        throw new AppError('BAD_REQUEST', '`after` is not the `next` of an earlier page');
      }
      const catalog = await catalogFor(app, request.params.id, run);
      const page = await app.stores.lineage.warnings(catalog, {
        limit: limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit),
        ...(after ? { after } : {}),
      });
      return {
        runId: catalog.runId,
        extractedAt: catalog.extractedAt.toISOString(),
        items: page.warnings,
        next: page.next,
      };
    },
  );
};

export default lineage;
