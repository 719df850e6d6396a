import type { ItemKind } from './item-store.ts';
import type { ExtractionRun, RunMode, RunStatus, RunTrigger } from './run-store.ts';

/**
 * An extraction run as clients see it: the API's answer (its schema is ExtractionResponse in
 * apps/api/src/schemas/extraction.ts, which must list the same attributes) and the `data` of the
 * extraction webhook events. One function builds both, so they cannot drift apart.
 */
export interface ExtractionView {
  id: string;
  connectionId: string;
  status: RunStatus;
  mode: RunMode;
  trigger: RunTrigger;
  modifiedSince: string | null;
  progress: { objectsTotal: number | null; objectsDone: number; objectsVanished: number; percent: number | null };
  counts: {
    objects: number;
    fields: number;
    objectsUnchanged: number;
    versionsWritten: number;
    warnings: number;
    /** The catalog's reports, dashboards, Apex classes and triggers once the run succeeded; null before. */
    reports: number | null;
    dashboards: number | null;
    apexClasses: number | null;
    apexTriggers: number | null;
    /** The edges of the catalog's lineage graph, and the references it could not follow; null before it succeeded. */
    lineageEdges: number | null;
    lineageWarnings: number | null;
    /** Parts Salesforce refused (a permission the user lacks); the run went on without them. */
    skippedParts: number;
  };
  apiCalls: number;
  error: { code: string; message: string | null } | null;
  /** While the run waits for the org's API budget: when it checks the budget again; null otherwise. */
  resumeAt: string | null;
  /** When a run waiting for API budget fails unless it finished; null until it first waited. */
  deadlineAt: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

function percent(run: ExtractionRun): number | null {
  if (run.status === 'succeeded') return 100;
  if (run.objectsTotal === null) return null;
  if (run.objectsTotal === 0) return 0;
  return Math.min(100, Math.floor(((run.objectsDone + run.objectsVanished) / run.objectsTotal) * 100));
}

/** How many items of `kind` a succeeded run's catalog holds; null before it succeeded. */
const itemCount = (run: ExtractionRun, kind: ItemKind | 'edge' | 'lineage_warning'): number | null =>
  run.itemCounts === null ? null : (run.itemCounts[kind] ?? 0);

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** The view of a run, for the API and the webhook events alike. */
export function toExtractionView(run: ExtractionRun): ExtractionView {
  return {
    id: run.id,
    connectionId: run.connectionId,
    status: run.status,
    mode: run.mode,
    trigger: run.trigger,
    modifiedSince: iso(run.modifiedSince),
    progress: {
      objectsTotal: run.objectsTotal,
      objectsDone: run.objectsDone,
      objectsVanished: run.objectsVanished,
      percent: percent(run),
    },
    counts: {
      objects: run.objectsDone,
      fields: run.fieldsCount,
      objectsUnchanged: run.objectsUnchanged,
      versionsWritten: run.versionsWritten,
      warnings: run.warnings,
      reports: itemCount(run, 'report'),
      dashboards: itemCount(run, 'dashboard'),
      apexClasses: itemCount(run, 'apex_class'),
      apexTriggers: itemCount(run, 'apex_trigger'),
      lineageEdges: itemCount(run, 'edge'),
      lineageWarnings: itemCount(run, 'lineage_warning'),
      skippedParts: run.skippedParts,
    },
    apiCalls: run.apiCalls,
    error: run.errorCode === null ? null : { code: run.errorCode, message: run.errorMessage },
    resumeAt: iso(run.resumeAt),
    deadlineAt: iso(run.deadlineAt),
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}
