import { WaitingChildrenError } from 'bullmq';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import { isDeepStrictEqual } from 'node:util';
import { type ExtractionScope, objectsInScope } from '@sfmeta/catalog/extraction-scope';
import { metadataParts } from '@sfmeta/queue/job-catalogue';
import { addCollectJobs, addDescribeJobs, describeBatches } from '@sfmeta/queue/run-jobs';
import { describeBatchSize, fleetSlots, maxObjectsPerDescribeJob } from '@sfmeta/queue/describe-batch-size';
import { dependencyKey, dependencyRowCap, fetchComponentDependencies } from '@sfmeta/salesforce/component-dependencies';
import { fetchUsers, fetchUsersModifiedSince } from '@sfmeta/salesforce/users';
import { describeAndStore } from '../extraction/describe-and-store.ts';
import { metadataPartReaders } from '../extraction/metadata-part-readers.ts';
import { wantsToolingFacts } from '../extraction/tooling-facts.ts';
import { describeGlobalIfModified } from '@sfmeta/salesforce/describe-objects';
import { fetchRecordCounts } from '@sfmeta/salesforce/record-counts';
import type { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';
import { admitWithinBudget } from '../budget/wait-for-budget.ts';
import { JobRefusal } from '../job-refusal.ts';
import { settleRunJobFailure } from '../run-job-failure.ts';
import { announceRunOutcome } from '../webhooks/announce-run-outcome.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';
import type { JobOf } from '../handler.ts';

/**
 * How often finalizing may re-queue the describes of objects that are still missing (their job
 * vanished: removed from the dashboard) before the run fails as incomplete.
 */
export const maxRepairs = 3;

/**
 * How far before the last run's start an incremental run asks Salesforce for changes: our clock
 * and Salesforce's may disagree, and asking a little too early only costs a few full describes.
 */
export const clockSkewMarginMs = 5 * 60_000;

/**
 * Runs an extraction in two steps. `discover` lists the org's objects and fans them out as
 * `describe` child jobs (or describes them itself when one job would take them all), then waits;
 * once every child is done BullMQ runs the job again, and `finalize` checks that every listed object
 * is accounted for before it closes the run. When the org's API budget runs out, the job waits for it
 * and then starts over at the step it was in.
 */
export async function processExtract(
  context: WorkerContext,
  { runId, step = 'discover', repairs = 0 }: JobPayload<'extract'>,
  job: JobOf<'extract'>,
  token?: string,
): Promise<unknown> {
  const run = await context.runs.get(runId);
  if (!run || run.status === 'succeeded' || run.status === 'failed') return { skipped: 'run finished or deleted' };
  const log = context.logger.child({ runId, connectionId: run.connectionId, jobId: job.id });
  const client = clientFor(context, { connectionId: run.connectionId, orgId: run.orgId, runId: run.id });
  try {
    await admitWithinBudget(context, run, job, token);
    if (step === 'discover') {
      await discover(context, job, run, client);
      await job.updateData({ ...job.data, step: 'finalize' });
    }
    for (let round = repairs; ; round++) {
      // Checked before every finalize, not only after discover: an attempt that resumes at
      // `finalize` must still wait for children that are not done.
      if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
      const missing = await context.runs.missingObjects(runId);
      if (missing.length === 0) break;
      if (round >= maxRepairs) throw incomplete(run, missing, round);
      log.warn({ missing: missing.length, round: round + 1 }, 'objects missing at finalize: describing them again');
      await job.updateData({ ...job.data, step: 'finalize', repairs: round + 1 });
      const batches = describeBatches(missing, job.data.objectsPerJob);
      await addDescribeJobs(context.queues, job, runId, round + 1, batches);
    }
    await readDependencies(context, run, client);
    await resolveUsers(context, run, client);
    if (!(await context.runs.markSucceeded(runId))) {
      const now = await context.runs.get(runId);
      if (now && now.status !== 'succeeded' && now.status !== 'failed')
        throw incomplete(run, await context.runs.missingObjects(runId), repairs);
      return { skipped: 'run finished meanwhile' };
    }
    log.info('extraction succeeded');
    await announceRunOutcome(context, runId);
    return { runId };
  } catch (error) {
    // Discover started the run: a wait for API budget counts its deadline from then.
    const current = (await context.runs.get(runId).catch(() => undefined)) ?? run;
    return await settleRunJobFailure(context, { run: current, job, token, client }, error);
  }
}

async function discover(
  context: WorkerContext,
  job: JobOf<'extract'>,
  run: ExtractionRun,
  client: SalesforceClient,
): Promise<void> {
  await context.runs.markRunning(run.id);
  // The run reads the scope the connection has now, whatever it is changed to meanwhile.
  const connection = await context.connections.get(run.connectionId);
  const scope = connection?.scope ?? run.scope;
  await context.runs.setScope(run.id, scope);
  const baseline = run.mode === 'incremental' ? await context.runs.baselineFor(run.connectionId) : undefined;
  const since = baseline && new Date(baseline.startedAt.getTime() - clockSkewMarginMs);
  // The last run's list stands for a 304 only if it was cut to the same objects.
  const sameObjects = baseline?.scope && isDeepStrictEqual(baseline.scope.objects, scope.objects);
  const listed = await describeGlobalIfModified(client, sameObjects ? since : undefined);
  const names = listed
    ? objectsInScope(
        scope,
        listed.map((object) => object.name),
      )
    : (baseline?.listedObjects ?? []);
  names.sort();
  await context.runs.setModifiedSince(run.id, since ?? null);
  await context.runs.setListedObjects(run.id, names);
  if (!listed) {
    // 304: Salesforce says no available object's metadata changed since then (org-wide changes such
    // as permissions and labels included), so the last run's list and every stored describe stand.
    // Only objects that list holds and the catalog does not (they vanished last time) are described.
    await context.catalog.saveBatch(run.id, 'unchanged', {
      described: [],
      unchanged: await unchangedWithFacts(context, run, scope, names),
    });
  }
  // Counts change every day, whatever the metadata does: every run asks again, a few names per call.
  if (scope.recordCounts) await context.runs.setRecordCounts(run.id, await fetchRecordCounts(client, names));
  const parts = metadataParts.filter((part) => scope[metadataPartReaders[part].enabledBy]);
  // A part switched off leaves the catalog with the run.
  for (const part of metadataParts.filter((p) => !parts.includes(p))) {
    await context.items.endMissing(run.id, metadataPartReaders[part].kind, []);
  }
  await addCollectJobs(context.queues, job, run.id, parts);
  // Objects that one describe job would take are described here, while the collect jobs run: a small org's
  // crawl never waits for describe slots that a big org's crawl holds.
  const inline = names.length <= maxObjectsPerDescribeJob;
  if (inline) {
    await describeAndStore(context, {
      run: { ...run, scope, modifiedSince: since ?? null },
      client,
      jobKey: `${run.id}-discover`,
      names,
      onProgress: (percent) => job.updateProgress(percent),
    });
  }
  const accounted = await context.catalog.accountedObjects(run.id);
  // Batches are cut from the whole list, at the size the first attempt chose for the org and the fleet, so
  // that a retried discover gives each the same job id.
  const objectsPerJob =
    job.data.objectsPerJob ??
    describeBatchSize(names.length, await fleetSlots(context.queues.describe, context.config.worker.concurrency));
  if (job.data.objectsPerJob === undefined) await job.updateData({ ...job.data, objectsPerJob });
  const batches = describeBatches(names, objectsPerJob).filter(
    ({ names: batchNames }) => !batchNames.every((name) => accounted.has(name)),
  );
  await addDescribeJobs(context.queues, job, run.id, 0, batches);
  context.logger.info(
    {
      runId: run.id,
      objects: names.length,
      describedInline: inline,
      jobs: batches.length,
      objectsPerJob,
      parts,
      modifiedSince: since,
      unchanged: !listed,
    },
    'objects listed',
  );
}

/**
 * After a describeGlobal 304, the objects whose stored version stands: all of them, unless the run wants
 * Tooling facts that a stored version lacks (stored before, or by a run without them): those are described.
 */
async function unchangedWithFacts(
  context: WorkerContext,
  run: ExtractionRun,
  scope: ExtractionScope,
  names: string[],
): Promise<string[]> {
  if (!wantsToolingFacts(scope)) return names;
  const withFacts = await context.catalog.currentObjectNames(run.connectionId, run.seq, names, { withTooling: true });
  return names.filter((name) => withFacts.has(name));
}

/**
 * Resolves the users that the run's new versions name (owners, authors) to their name and e-mail, in
 * bulk, with those changed since the baseline. A refusal (no access to User) is recorded, not fatal.
 */
async function resolveUsers(context: WorkerContext, run: ExtractionRun, client: SalesforceClient): Promise<void> {
  const referenced = await context.items.referencedUsers(run.id);
  const known = await context.items.current(run.connectionId, run.seq, 'user');
  const found = await fetchUsers(client, referenced);
  const changed =
    run.modifiedSince && known.size > 0 && found.skipped.length === 0
      ? await fetchUsersModifiedSince(client, run.modifiedSince)
      : { users: [], skipped: [] };
  for (const skipped of [...found.skipped, ...changed.skipped]) await context.runs.recordSkipped(run.id, skipped);
  const users = [...found.users, ...changed.users.filter((user) => known.has(user.id))];
  await context.items.save(
    run.id,
    `${run.id}-users`,
    'user',
    users.map((user) => ({
      name: user.id,
      content: { Id: user.id, Name: user.name, Email: user.email, Username: user.username, IsActive: user.isActive },
    })),
  );
}

/**
 * Reads what the catalog's Apex, triggers, flows and roll-up summary fields reference (Tooling's
 * MetadataComponentDependency), once the run's other parts are stored: the lineage is derived from them when
 * the run is published. Skipped when the scope leaves it out; a refusal (the beta API is off) is recorded. An
 * incremental run that changed none of what the rows are about keeps the stored ones (a flow changed on its own
 * shows with the next change or full run).
 */
async function readDependencies(context: WorkerContext, run: ExtractionRun, client: SalesforceClient): Promise<void> {
  if (!run.scope.dependencies) {
    await context.items.endMissing(run.id, 'dependency', []);
    return;
  }
  // An incremental run that changed no object, field or Apex keeps the rows it has: they are about those.
  // (The mode read again: discovering may have turned the run into a full one.)
  const mode = (await context.runs.get(run.id))?.mode ?? run.mode;
  if (mode === 'incremental' && (await context.lineage.dependenciesStand(run.connectionId, run.seq))) return;
  const ids = await context.lineage.componentIds(run.connectionId, run.seq);
  const found = await fetchComponentDependencies(client, {
    apexClassIds: run.scope.apexClasses ? ids.apexClassIds : null,
    apexTriggerIds: run.scope.apexTriggers ? ids.apexTriggerIds : null,
    rollupFieldIds: ids.rollupFieldIds,
  });
  for (const skipped of found.skipped) await context.runs.recordSkipped(run.id, skipped);
  if (found.truncated.length > 0) {
    await context.runs.recordSkipped(run.id, {
      part: 'dependencies_truncated',
      code: 'ROW_LIMIT',
      message:
        `MetadataComponentDependency answered ${dependencyRowCap} rows, its limit, to queries it could not split ` +
        `(${found.truncated.join('; ')}): some dependencies may be missing`,
    });
  }
  const items = found.rows.map((row) => ({ name: dependencyKey(row), content: row }));
  await context.items.save(run.id, `${run.id}-dependencies`, 'dependency', items);
  await context.items.endMissing(
    run.id,
    'dependency',
    items.map((item) => item.name),
  );
}

/** A run whose objects could not all be stored: it fails rather than publish a partial catalog. */
function incomplete(run: ExtractionRun, missing: string[], rounds: number): JobRefusal {
  const shown = missing.slice(0, 10).join(', ');
  const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
  return new JobRefusal(
    'INCOMPLETE_CATALOG',
    `${missing.length} listed objects were never stored after ${rounds} rounds of describing them again ` +
      `(${shown}${more}); the catalog of run ${run.id} is not published`,
  );
}
