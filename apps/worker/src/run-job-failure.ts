import { DelayedError, UnrecoverableError, WaitingChildrenError, type Job } from 'bullmq';
import type { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';
import { isBudgetSpent, usageWhenSpent } from './budget/api-budget.ts';
import { type BudgetedRun, waitForBudget } from './budget/wait-for-budget.ts';
import { settleFailure } from './job-failure.ts';
import { recordRunFailure } from './run-failure.ts';
import type { WorkerContext } from './worker-context.ts';

/**
 * Decides what a failed attempt of a run's job (extract, describe, collect) means. A job put off (for
 * its children, for API budget) or already ended for good passes as it is; a spent API budget makes the
 * run wait and the job go on later where it stopped; anything else is settled by settleFailure and,
 * when final, recorded on the run. `client` is the job's Salesforce client, for the usage it last saw.
 */
export async function settleRunJobFailure(
  context: WorkerContext,
  target: { run: BudgetedRun; job: Job; token: string | undefined; client: SalesforceClient },
  error: unknown,
): Promise<never> {
  const { run, job, token, client } = target;
  if (hasEnded(error)) throw error;
  let failure = error;
  if (isBudgetSpent(error)) {
    try {
      return await waitForBudget(context, run, job, token, usageWhenSpent(error, client.apiUsage));
    } catch (pauseFailure) {
      // Redis or the database failed while pausing: settled like any such failure.
      if (hasEnded(pauseFailure)) throw pauseFailure;
      failure = pauseFailure;
    }
  }
  return settleFailure(job, failure, (reason) => recordRunFailure(context, run, reason, failure));
}

/** True for what ends an attempt on purpose: put off (children, API budget) or failed for good already. */
function hasEnded(error: unknown): boolean {
  return error instanceof DelayedError || error instanceof WaitingChildrenError || error instanceof UnrecoverableError;
}
