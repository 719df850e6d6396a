import type { CatalogItem } from '@sfmeta/catalog/item-store';
import { type ExtractionRun, isUnderway } from '@sfmeta/catalog/run-store';
import type { Json } from '@sfmeta/catalog/json';
import type { JobPayload, MetadataPart } from '@sfmeta/queue/job-catalogue';
import { fetchChangedRecords } from '@sfmeta/salesforce/changed-records';
import { describeWithinBudget } from '@sfmeta/salesforce/describe-within-budget';
import type { ApiUsage } from '@sfmeta/salesforce/response-capture';
import { isPartRefusal, skippedPart } from '@sfmeta/salesforce/skipped-part';
import { metadataPartReaders } from '../extraction/metadata-part-readers.ts';
import { admitWithinBudget } from '../budget/wait-for-budget.ts';
import { settleRunJobFailure } from '../run-job-failure.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';
import type { JobOf } from '../handler.ts';

/** Where an item's describe is stored next to its record, or why it has none. */
const describedKey = '$describe';
const undescribedKey = '$undescribed';

/**
 * Reads one part of a run's metadata (reports, dashboards, Apex classes or triggers) and stores it.
 * An incremental run asks only for records modified since its baseline, plus every id to find the
 * deleted ones; a full run, or a part the catalog does not hold yet, reads everything. A part that
 * Salesforce refuses (a permission the user lacks) is recorded as skipped, and the catalog holds none
 * of it: the run goes on without it. While the org's API budget is spent the job waits, and then reads
 * its part again.
 */
export async function processCollect(
  context: WorkerContext,
  { runId, part }: JobPayload<'collect'>,
  job: JobOf<'collect'>,
  token?: string,
): Promise<unknown> {
  const run = await context.runs.get(runId);
  if (!run || !isUnderway(run)) return { skipped: 'run not running' };
  const reader = metadataPartReaders[part];
  const client = clientFor(context, { connectionId: run.connectionId, orgId: run.orgId, runId });
  try {
    await admitWithinBudget(context, run, job, token);
    const current = await context.items.current(run.connectionId, run.seq, reader.kind);
    const fields = reader.fields(run.scope);
    // Only what changed, when the catalog holds this kind as this run reads it (the same columns:
    // Apex source switched on or off means reading everything again).
    const since = sameColumns(current, fields) ? (run.modifiedSince ?? undefined) : undefined;
    let answer: Awaited<ReturnType<typeof fetchChangedRecords>>;
    try {
      answer = await fetchChangedRecords(client, {
        object: reader.object,
        fields,
        tooling: reader.tooling,
        ...(since ? { since } : {}),
      });
    } catch (error) {
      if (!isPartRefusal(error)) throw error;
      await context.runs.recordSkipped(runId, skippedPart(part, error));
      await context.items.endMissing(runId, reader.kind, []);
      return { skipped: part, code: error.code };
    }
    const items = answer.changed.map((record): CatalogItem => ({ name: String(record.Id), content: record }));
    const present = answer.ids ?? items.map((item) => item.name);
    const { describe } = reader;
    const described = describe
      ? await addDescribes(context, run, part, reader.object, (id) => describe(client, id), {
          items,
          current,
          present,
          apiUsage: () => client.apiUsage,
        })
      : items;
    const written = await context.items.save(runId, job.id ?? `${runId}-${part}`, reader.kind, described);
    const removed = await context.items.endMissing(runId, reader.kind, present);
    return { read: items.length, written, removed };
  } catch (error) {
    return await settleRunJobFailure(context, { run, job, token, client }, error);
  }
}

/**
 * The items with their describes: kept from the stored version when the item did not change since, asked
 * for (one call each, within the run's budget) when it changed or was left undescribed for want of budget.
 * Those over the budget or refused are stored with the reason, and a budget shortfall is recorded on the run.
 */
async function addDescribes(
  context: WorkerContext,
  run: ExtractionRun,
  part: MetadataPart,
  object: string,
  describeItem: (id: string) => Promise<unknown>,
  found: {
    items: CatalogItem[];
    current: ReadonlyMap<string, Json>;
    present: readonly string[];
    apiUsage: () => ApiUsage | undefined;
  },
): Promise<CatalogItem[]> {
  const { current } = found;
  const items = [...found.items];
  const read = new Set(items.map((item) => item.name));
  // Unchanged items that earlier runs could not describe within their budget: read them again.
  for (const id of found.present) {
    const stored = current.get(id);
    if (read.has(id) || !stored || !leftForBudget(stored)) continue;
    const { [describedKey]: _d, [undescribedKey]: _u, ...record } = stored;
    items.push({ name: id, content: record });
  }
  const wanted: string[] = [];
  for (const item of items) {
    const stored = current.get(item.name);
    const same = stored && stored.LastModifiedDate === item.content.LastModifiedDate && !leftForBudget(stored);
    if (same && describedKey in stored) item.content[describedKey] = stored[describedKey];
    else if (same && undescribedKey in stored) item.content[undescribedKey] = stored[undescribedKey];
    else wanted.push(item.name);
  }
  const outcomes = await describeWithinBudget(wanted, describeItem, {
    maxCalls: context.config.worker.analyticsDescribesPerRun,
    concurrency: context.config.worker.describeConcurrency,
    apiUsage: () => found.apiUsage(),
  });
  let overBudget = 0;
  for (const item of items) {
    const outcome = outcomes.get(item.name);
    if (!outcome) continue;
    if ('describe' in outcome) item.content[describedKey] = outcome.describe;
    else item.content[undescribedKey] = { reason: outcome.reason };
    if ('reason' in outcome && outcome.reason.startsWith('BUDGET')) overBudget++;
  }
  if (overBudget > 0) {
    await context.runs.recordSkipped(run.id, {
      part: `${part}_describes`,
      code: 'BUDGET',
      message:
        `${overBudget} of ${wanted.length} ${object} describes were left for later runs: this run may ` +
        `spend ${context.config.worker.analyticsDescribesPerRun} calls on them (SFMETA_ANALYTICS_DESCRIBES_PER_RUN) ` +
        `and keeps a reserve of the org's daily API budget`,
    });
  }
  return items;
}

/** Whether the stored items (checked on one) hold exactly the columns `fields`; false when there are none. */
function sameColumns(current: ReadonlyMap<string, Json>, fields: readonly string[]): boolean {
  const stored = current.values().next().value;
  if (!stored) return false;
  const columns = Object.keys(stored).filter((key) => !key.startsWith('$'));
  return columns.length === fields.length && fields.every((field) => field in stored);
}

/** Whether a stored item was left undescribed for want of budget: a later run describes it. */
function leftForBudget(stored: Json): boolean {
  const reason = (stored[undescribedKey] as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' && reason.startsWith('BUDGET');
}
