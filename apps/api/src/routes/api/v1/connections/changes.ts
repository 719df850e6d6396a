import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ChangeCursor } from '@sfmeta/catalog/change-history';
import { ITEM_KINDS } from '@sfmeta/catalog/item-store';
import type { LatestCatalog } from '@sfmeta/catalog/run-store';
import { AppError } from '../../../../app-error.ts';
import { catalogFor } from '../../../../catalog-lookup.ts';
import { ErrorResponse, IdParams, Nullable, Timestamp, commonErrors } from '../../../../schemas/common.ts';
import { AttributeChange } from '../../../../schemas/history.ts';
import { Identifier } from '../../../../schemas/text.ts';

const Run = Type.Object({ id: Type.String({ format: 'uuid' }), extractedAt: Timestamp });
const Counts = Type.Object({ added: Type.Integer(), removed: Type.Integer(), changed: Type.Integer() });

const ItemChange = Type.Object({
  kind: Type.String({ description: 'object, field, and the kinds added later' }),
  parent: Type.String({ description: "The item it belongs to (a field's object); empty for objects" }),
  name: Type.String(),
  change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  attributes: Type.Array(AttributeChange),
});

const run = (catalog: LatestCatalog) => ({ id: catalog.runId, extractedAt: catalog.extractedAt.toISOString() });

const encodeCursor = (cursor: ChangeCursor) =>
  Buffer.from(JSON.stringify([cursor.kind, cursor.parent, cursor.name])).toString('base64url');

function decodeCursor(text: string): ChangeCursor {
  try {
    const [kind, parent, name] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if ([kind, parent, name].every((part) => typeof part === 'string')) {
      return { kind, parent, name } as ChangeCursor;
    }
  } catch {
    // Reported below like any other cursor that this API did not hand out.
  }
  throw new AppError('VALIDATION_FAILED', 'querystring/after is not a cursor from a previous page');
}

/** /api/v1/connections/:id/changes: what changed in the catalog between two extractions. */
const changes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/changes',
    {
      schema: {
        operationId: 'listChanges',
        tags: ['catalog'],
        summary: 'Items added, removed and changed between two succeeded extractions, with each changed attribute',
        description:
          'Defaults: `to` is the latest succeeded extraction and `from` the one before it (none: everything is added).',
        params: IdParams,
        querystring: Type.Object(
          {
            from: Type.Optional(Identifier({ maxLength: 100 })),
            to: Type.Optional(Identifier({ maxLength: 100 })),
            kind: Type.Optional(Type.Union(['object', 'field', ...ITEM_KINDS].map((kind) => Type.Literal(kind)))),
            limit: Type.Optional(
              Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$', description: '1 to 1000, default 200' }),
            ),
            after: Type.Optional(Identifier({ maxLength: 2000, description: 'The `next` of the previous page' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            from: Nullable(Run),
            to: Run,
            summary: Type.Record(Type.String(), Counts, { description: 'Per kind of item, over all pages' }),
            items: Type.Array(ItemChange),
            next: Nullable(Type.String()),
          }),
          400: ErrorResponse,
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { from: fromId, to: toId, kind, limit = '200', after } = request.query;
      const to = await catalogFor(app, id, toId);
      const from = fromId
        ? await catalogFor(app, id, fromId)
        : (await app.stores.runs.succeededBefore(id, to.seq, 1))[0];
      if (from && from.seq >= to.seq) {
        throw new AppError('VALIDATION_FAILED', 'querystring/from must be an extraction that succeeded before `to`');
      }
      const size = Number(limit);
      const fromSeq = from?.seq ?? 0;
      const [items, summary] = await Promise.all([
        app.stores.changes.between(id, fromSeq, to.seq, {
          ...(after ? { after: decodeCursor(after) } : {}),
          ...(kind ? { kind } : {}),
          limit: size,
        }),
        app.stores.changes.count(id, fromSeq, to.seq),
      ]);
      const last = items.at(-1);
      return {
        from: from ? run(from) : null,
        to: run(to),
        summary,
        items,
        next: items.length === size && last ? encodeCursor(last) : null,
      };
    },
  );
};

export default changes;
