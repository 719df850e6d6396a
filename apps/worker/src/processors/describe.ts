import { isUnderway } from '@sfmeta/catalog/run-store';
import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import { reportRunJobProgress } from '@sfmeta/queue/run-jobs';
import { compositeLimit, describeObjects, type ObjectDescribe } from '@sfmeta/salesforce/describe-objects';
import { fetchObjectMetadata } from '@sfmeta/salesforce/object-metadata';
import { HeldDescribes } from '../extraction/held-describes.ts';
import { wantsToolingFacts, withToolingFacts } from '../extraction/tooling-facts.ts';
import { admitWithinBudget } from '../budget/wait-for-budget.ts';
import { settleRunJobFailure } from '../run-job-failure.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';
import type { JobOf } from '../handler.ts';

const vanishedReason =
  'NOT_FOUND: listed by describeGlobal, but its describe answered 404 (deleted from the org mid-crawl)';

/**
 * Describes one batch of a run's objects and stores them, so a retried job resumes after the objects
 * already accounted for. When the run's scope wants Tooling facts (descriptions, owners), the batch's
 * describes are stored with them, read in a couple of calls for the whole batch; a refused part is
 * recorded as skipped and the describes are stored without it. In an incremental run, objects the
 * catalog already holds (with those facts, when wanted) are asked for with If-Modified-Since, and a
 * 304 keeps their stored version. Objects deleted from the org since the listing are recorded as
 * vanished, so that finalizing knows they are accounted for. While the org's API budget is spent the
 * job waits, and then goes on after the objects stored.
 */
export async function processDescribe(
  context: WorkerContext,
  { runId, batch, names }: JobPayload<'describe'>,
  job: JobOf<'describe'>,
  token?: string,
): Promise<unknown> {
  // A deleted connection takes its runs with it: then there is no run either.
  const run = await context.runs.get(runId);
  if (!run || !isUnderway(run)) return { skipped: 'run not running' };
  const client = clientFor(context, { connectionId: run.connectionId, orgId: run.orgId, runId });
  const accounted = await context.catalog.accountedObjects(runId);
  const pending = names.filter((name) => !accounted.has(name));
  const since = run.modifiedSince;
  const { scope } = run;
  const wantsTooling = wantsToolingFacts(scope);
  const known = since
    ? await context.catalog.currentObjectNames(run.connectionId, run.seq, pending, { withTooling: wantsTooling })
    : new Set<string>();
  const jobKey = job.id ?? `${runId}-${batch}`;
  let done = names.length - pending.length;
  const unknown: string[] = [];
  const save = async (described: ObjectDescribe[], unchanged: string[]) => {
    const outcome = await context.catalog.saveBatch(runId, jobKey, { described, unchanged });
    // A 304 for an object the catalog lost meanwhile: it is described in full below.
    unknown.push(...outcome.unknown);
    done += described.length + unchanged.length - outcome.unknown.length;
    await job.updateProgress(Math.round((done / names.length) * 100));
    await reportRunJobProgress(context.queues, runId);
  };
  // With Tooling facts wanted, describes wait for them (a few calls for the whole job, not one per
  // composite answer); 304s are stored as they come.
  const held = new HeldDescribes();
  const describe = (objects: string[], conditional: boolean) =>
    describeObjects(client, objects, {
      concurrency: context.config.worker.describeConcurrency,
      modifiedSince: (name) => (conditional && since && known.has(name) ? since : undefined),
      onBatch: async ({ describes, unchanged }) => {
        if (!wantsTooling) return save(describes, unchanged);
        held.add(describes);
        if (unchanged.length > 0) await save([], unchanged);
      },
    });
  const saveHeld = async () => {
    if (held.size === 0) return;
    const taken = held.take();
    const metadata = await fetchObjectMetadata(client, taken.names, {
      owners: scope.owners,
      fieldCount: taken.fieldCount,
    });
    for (const skipped of metadata.skipped) await context.runs.recordSkipped(runId, skipped);
    const refused = metadata.skipped.some((skipped) => skipped.part === 'descriptions');
    for (const describes of taken.chunks(compositeLimit)) {
      await save(withToolingFacts(describes, refused ? undefined : metadata.objects, scope), []);
    }
  };
  try {
    await admitWithinBudget(context, run, job, token);
    const { missing } = await describe(pending, true);
    await saveHeld();
    if (unknown.length > 0) {
      missing.push(...(await describe(unknown.splice(0), false)).missing);
      await saveHeld();
    }
    if (missing.length > 0) {
      context.logger.warn({ runId, jobId: job.id, missing }, 'objects vanished between listing and describe');
      await context.runs.recordVanished(
        runId,
        missing.map((name) => ({ name, reason: vanishedReason })),
      );
    }
    return { described: pending.length - missing.length, missing };
  } catch (error) {
    return await settleRunJobFailure(context, { run, job, token, client }, error);
  }
}
