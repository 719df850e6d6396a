import { Type, type Static } from 'typebox';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import { Nullable, Timestamp, iso } from './common.ts';

/** An extraction run with its progress. */
export const ExtractionResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  connectionId: Type.String({ format: 'uuid' }),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ]),
  progress: Type.Object({
    objectsTotal: Nullable(Type.Integer({ description: 'Unknown until the objects are listed' })),
    objectsDone: Type.Integer(),
    objectsVanished: Type.Integer({
      description: 'Listed objects deleted from the org before they could be described',
    }),
    percent: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  }),
  counts: Type.Object({ objects: Type.Integer(), fields: Type.Integer() }),
  apiCalls: Type.Integer(),
  error: Nullable(Type.Object({ code: Type.String(), message: Nullable(Type.String()) })),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
  vanishedObjects: Type.Optional(
    Type.Array(Type.Object({ name: Type.String(), reason: Type.String() }), {
      description: 'On GET /extractions/{id}: each vanished object and why',
    }),
  ),
});

function percent(run: ExtractionRun): number | null {
  if (run.status === 'succeeded') return 100;
  if (run.objectsTotal === null) return null;
  if (run.objectsTotal === 0) return 0;
  return Math.min(100, Math.floor(((run.objectsDone + run.objectsVanished) / run.objectsTotal) * 100));
}

export function toExtractionResponse(run: ExtractionRun): Static<typeof ExtractionResponse> {
  return {
    id: run.id,
    connectionId: run.connectionId,
    status: run.status,
    progress: {
      objectsTotal: run.objectsTotal,
      objectsDone: run.objectsDone,
      objectsVanished: run.objectsVanished,
      percent: percent(run),
    },
    counts: { objects: run.objectsDone, fields: run.fieldsCount },
    apiCalls: run.apiCalls,
    error: run.errorCode === null ? null : { code: run.errorCode, message: run.errorMessage },
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

/** An extraction run as the API answers it; clients use this type rather than their own. */
export type ExtractionView = Static<typeof ExtractionResponse>;
