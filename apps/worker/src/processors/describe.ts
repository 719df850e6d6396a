import { Job } from 'bullmq';
import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import { describeObjects } from '@sfmeta/salesforce/describe-objects';
import { settleFailure } from '../job-failure.ts';
import { recordRunFailure } from '../run-failure.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';
import type { JobOf } from '../handler.ts';

const vanishedReason = 'NOT_FOUND: listed by describeGlobal, but its describe answered 404 (deleted from the org mid-crawl)';

/**
 * Describes one batch of a run's objects and stores each composite answer as it arrives, so a
 * retried job resumes after the objects already stored. Objects deleted from the org since the
 * listing are recorded as vanished, so that finalizing knows they are accounted for.
 */
export async function processDescribe(
  context: WorkerContext,
  { runId, names }: JobPayload<'describe'>,
  job: JobOf<'describe'>,
): Promise<unknown> {
  const run = await context.runs.get(runId);
  if (!run || run.status !== 'running') return { skipped: 'run not running' };
  const connection = await context.connections.get(run.connectionId);
  if (!connection) return { skipped: 'connection deleted' };
  const stored = await context.catalog.storedObjectNames(runId);
  const pending = names.filter((name) => !stored.has(name));
  const client = clientFor(context, { connectionId: connection.id, orgId: connection.orgId, runId });
  let done = names.length - pending.length;
  try {
    const { missing } = await describeObjects(client, pending, {
      concurrency: context.config.worker.describeConcurrency,
      onBatch: async (describes) => {
        await context.catalog.saveObjects(runId, describes);
        done += describes.length;
        await job.updateProgress(Math.round((done / names.length) * 100));
        await reportRunProgress(context, job, runId);
      },
    });
    if (missing.length > 0) {
      context.logger.warn({ runId, jobId: job.id, missing }, 'objects vanished between listing and describe');
      await context.runs.recordVanished(runId, missing.map((name) => ({ name, reason: vanishedReason })));
    }
    return { described: pending.length - missing.length, missing };
  } catch (error) {
    return await settleFailure(job, error, (reason) => recordRunFailure(context, run, reason, error));
  }
}

/** Mirrors the run's progress on the parent `extract` job, where the dashboard shows it. */
async function reportRunProgress(context: WorkerContext, job: Job, runId: string): Promise<void> {
  const parentId = job.parent?.id;
  const run = await context.runs.get(runId);
  if (!parentId || !run?.objectsTotal) return;
  const parent = await Job.fromId(context.queues.extract, parentId);
  await parent?.updateProgress(Math.round((run.objectsDone / run.objectsTotal) * 100));
}
