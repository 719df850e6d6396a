import { Type, type Static } from 'typebox';
import { toExtractionView } from '@sfmeta/catalog/extraction-view';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import { Nullable, Timestamp } from './common.ts';

const ItemCount = Nullable(
  Type.Integer({ description: "The catalog's count once the extraction succeeded; null before" }),
);

/** An extraction run with its progress. */
export const ExtractionResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  connectionId: Type.String({ format: 'uuid' }),
  status: Type.Union(
    [
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('waiting_for_api_budget'),
      Type.Literal('succeeded'),
      Type.Literal('failed'),
    ],
    {
      description:
        "waiting_for_api_budget: the org's daily API budget is spent; the run goes on where it stopped at " +
        'resumeAt, when the budget allows, or fails API_BUDGET_DEADLINE past deadlineAt',
    },
  ),
  mode: Type.Union([Type.Literal('full'), Type.Literal('incremental')], {
    description: 'full describes every object; incremental asks Salesforce only for what changed since the last run',
  }),
  trigger: Type.Union([Type.Literal('api'), Type.Literal('schedule')]),
  modifiedSince: Type.Union([Timestamp, Type.Null()], {
    description: 'Conditional requests asked Salesforce for changes since then; null when everything was fetched',
  }),
  progress: Type.Object({
    objectsTotal: Nullable(Type.Integer({ description: 'Unknown until the objects are listed' })),
    objectsDone: Type.Integer(),
    objectsVanished: Type.Integer({
      description: 'Listed objects deleted from the org before they could be described',
    }),
    percent: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  }),
  counts: Type.Object({
    objects: Type.Integer(),
    fields: Type.Integer(),
    objectsUnchanged: Type.Integer({ description: 'Objects Salesforce answered 304 Not Modified for' }),
    versionsWritten: Type.Integer({ description: 'New versions of objects and fields this run stored: what changed' }),
    warnings: Type.Integer({ description: 'Odd attributes in what Salesforce sent; each describe is stored as sent' }),
    reports: ItemCount,
    dashboards: ItemCount,
    apexClasses: ItemCount,
    apexTriggers: ItemCount,
    lineageEdges: Nullable(
      Type.Integer({ description: "Edges of the catalog's lineage graph; null until it succeeded" }),
    ),
    lineageWarnings: Nullable(
      Type.Integer({ description: 'References the lineage could not follow; null until it succeeded' }),
    ),
    skippedParts: Type.Integer({
      description: 'Parts Salesforce refused (a permission the user lacks): the extraction went on without them',
    }),
  }),
  apiCalls: Type.Integer(),
  error: Nullable(Type.Object({ code: Type.String(), message: Nullable(Type.String()) })),
  resumeAt: Type.Union([Timestamp, Type.Null()], {
    description: 'While the run waits for API budget: when it checks the budget again; null otherwise',
  }),
  deadlineAt: Type.Union([Timestamp, Type.Null()], {
    description:
      'When a run waiting for API budget fails (API_BUDGET_DEADLINE) unless it finished; null until it first waited',
  }),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
  warnings: Type.Optional(
    Type.Array(
      Type.Object({
        object: Type.String(),
        field: Nullable(Type.String()),
        attribute: Type.String(),
        problem: Type.String(),
      }),
      { description: 'On GET /extractions/{id}: the first 100 odd attributes (a number as a string, a key missing…)' },
    ),
  ),
  skipped: Type.Optional(
    Type.Array(
      Type.Object({
        part: Type.String({
          description:
            'descriptions, owners, record_counts, reports, report_describes, dashboards, apex_classes, ' +
            'apex_triggers, users',
        }),
        code: Type.String({ description: "Salesforce's error code, e.g. INSUFFICIENT_ACCESS or API_DISABLED_FOR_ORG" }),
        message: Type.String(),
      }),
      { description: 'On GET /extractions/{id}: each part Salesforce refused, and why' },
    ),
  ),
  vanishedObjects: Type.Optional(
    Type.Array(Type.Object({ name: Type.String(), reason: Type.String() }), {
      description: 'On GET /extractions/{id}: each vanished object and why',
    }),
  ),
});

/** The run as the API shows it; built in the catalog package, which the webhook events share. */
export function toExtractionResponse(run: ExtractionRun): Static<typeof ExtractionResponse> {
  return toExtractionView(run);
}

/** An extraction run as the API answers it; clients use this type rather than their own. */
export type ExtractionView = Static<typeof ExtractionResponse>;
