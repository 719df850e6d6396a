import { isUnderway } from '@sfmeta/catalog/run-store';
import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import { reportRunJobProgress } from '@sfmeta/queue/run-jobs';
import { admitWithinBudget } from '../budget/wait-for-budget.ts';
import { describeAndStore } from '../extraction/describe-and-store.ts';
import { giveWayToSmallerRuns } from '../fairness/give-way.ts';
import { settleRunJobFailure } from '../run-job-failure.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';
import type { JobOf } from '../handler.ts';

/**
 * Describes one batch of a run's objects and stores them (describeAndStore), so a retried job resumes after
 * the objects already accounted for. While the org's API budget is spent the job waits, and then goes on
 * after the objects stored.
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
  try {
    await admitWithinBudget(context, run, job, token);
    await giveWayToSmallerRuns(context, run, job, token);
    return await describeAndStore(context, {
      run,
      client,
      jobKey: job.id ?? `${runId}-${batch}`,
      names,
      onProgress: async (percent) => {
        await job.updateProgress(percent);
        await reportRunJobProgress(context.queues, runId);
      },
    });
  } catch (error) {
    return await settleRunJobFailure(context, { run, job, token, client }, error);
  }
}
