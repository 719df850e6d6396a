import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import { reportRunJobProgress } from '@sfmeta/queue/run-jobs';
import { describeObjects } from '@sfmeta/salesforce/describe-objects';
import { settleFailure } from '../job-failure.ts';
import { recordRunFailure } from '../run-failure.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';
import type { JobOf } from '../handler.ts';

const vanishedReason =
  'NOT_FOUND: listed by describeGlobal, but its describe answered 404 (deleted from the org mid-crawl)';

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
  // A deleted connection takes its runs with it: then there is no run either.
  const run = await context.runs.get(runId);
  if (run?.status !== 'running') return { skipped: 'run not running' };
  const stored = await context.catalog.storedObjectNames(runId);
  const pending = names.filter((name) => !stored.has(name));
  const client = clientFor(context, { connectionId: run.connectionId, orgId: run.orgId, runId });
  let done = names.length - pending.length;
  try {
    const { missing } = await describeObjects(client, pending, {
      concurrency: context.config.worker.describeConcurrency,
      onBatch: async (describes) => {
        await context.catalog.saveObjects(runId, describes);
        done += describes.length;
        await job.updateProgress(Math.round((done / names.length) * 100));
        await reportRunJobProgress(context.queues, runId);
      },
    });
    if (missing.length > 0) {
      context.logger.warn({ runId, jobId: job.id, missing }, 'objects vanished between listing and describe');
      await context.runs.recordVanished(
        runId,
        missing.map((name) => ({ name, reason: vanishedReason })),
      );
    }
    return { described: pending.length - missing.length, missing };
  } catch (error) {
    return await settleFailure(job, error, (reason) => recordRunFailure(context, run, reason, error));
  }
}
