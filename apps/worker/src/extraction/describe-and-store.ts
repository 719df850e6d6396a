import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import { compositeLimit, describeObjects, type ObjectDescribe } from '@sfmeta/salesforce/describe-objects';
import { fetchObjectMetadata } from '@sfmeta/salesforce/object-metadata';
import type { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';
import type { WorkerContext } from '../worker-context.ts';
import { HeldDescribes } from './held-describes.ts';
import { wantsToolingFacts, withToolingFacts } from './tooling-facts.ts';

const vanishedReason =
  'NOT_FOUND: listed by describeGlobal, but its describe answered 404 (deleted from the org mid-crawl)';

/** Some of a run's objects to describe, and who does it. */
export interface DescribeWork {
  run: Pick<ExtractionRun, 'id' | 'connectionId' | 'seq' | 'modifiedSince' | 'scope'>;
  client: SalesforceClient;
  /** Names the saves (and the logs) of whoever describes them: a describe job, or the extract job itself. */
  jobKey: string;
  names: string[];
  /** Told the share of `names` accounted for (0–100) after each save. */
  onProgress: (percent: number) => Promise<void>;
}

/**
 * Describes some of a run's objects and stores them, resuming after the objects already accounted for. When
 * the run's scope wants Tooling facts (descriptions, owners), the describes are stored with them, read in a
 * couple of calls for all of them; a refused part is recorded as skipped and the describes are stored without
 * it. In an incremental run, objects the catalog already holds (with those facts, when wanted) are asked for
 * with If-Modified-Since, and a 304 keeps their stored version. Objects deleted from the org since the listing
 * are recorded as vanished, so that finalizing knows they are accounted for.
 */
export async function describeAndStore(
  context: WorkerContext,
  { run, client, jobKey, names, onProgress }: DescribeWork,
): Promise<{ described: number; missing: string[] }> {
  const accounted = await context.catalog.accountedObjects(run.id);
  const pending = names.filter((name) => !accounted.has(name));
  const since = run.modifiedSince;
  const { scope } = run;
  const wantsTooling = wantsToolingFacts(scope);
  const known = since
    ? await context.catalog.currentObjectNames(run.connectionId, run.seq, pending, { withTooling: wantsTooling })
    : new Set<string>();
  let done = names.length - pending.length;
  const unknown: string[] = [];
  const save = async (described: ObjectDescribe[], unchanged: string[]) => {
    const outcome = await context.catalog.saveBatch(run.id, jobKey, { described, unchanged });
    // A 304 for an object the catalog lost meanwhile: it is described in full below.
    unknown.push(...outcome.unknown);
    done += described.length + unchanged.length - outcome.unknown.length;
    await onProgress(Math.round((done / names.length) * 100));
  };
  // With Tooling facts wanted, describes wait for them (a few calls for all of them, not one per composite
  // answer); 304s are stored as they come.
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
    for (const skipped of metadata.skipped) await context.runs.recordSkipped(run.id, skipped);
    const refused = metadata.skipped.some((skipped) => skipped.part === 'descriptions');
    for (const describes of taken.chunks(compositeLimit)) {
      await save(withToolingFacts(describes, refused ? undefined : metadata.objects, scope), []);
    }
  };
  const { missing } = await describe(pending, true);
  await saveHeld();
  if (unknown.length > 0) {
    missing.push(...(await describe(unknown.splice(0), false)).missing);
    await saveHeld();
  }
  if (missing.length > 0) {
    context.logger.warn({ runId: run.id, jobKey, missing }, 'objects vanished between listing and describe');
    await context.runs.recordVanished(
      run.id,
      missing.map((name) => ({ name, reason: vanishedReason })),
    );
  }
  return { described: pending.length - missing.length, missing };
}
