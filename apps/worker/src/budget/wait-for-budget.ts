import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import type { ApiUsage } from '@sfmeta/salesforce/response-capture';
import type { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';
import { JobRefusal } from '../job-refusal.ts';
import { recordRunFailure } from '../run-failure.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';
import {
  budgetAllows,
  type DeadlineFacts,
  deadlineReason,
  isBudgetSpent,
  runDeadline,
  usageWhenSpent,
} from './api-budget.ts';

/** The longest a job holds its org's budget check: the check is one quick call, retried little. */
const checkClaimMs = 120_000;
const checkPatience = { timeoutMs: 30_000, retry: { retries: 2, minTimeout: 250, maxTimeout: 2000 } };

/**
 * How soon a job that found another one checking the budget looks again: soon, but before a pause the check
 * may start ends (half a recheck at most), so that it finds that pause rather than checking once more.
 */
const checkWaitMs = 5_000;

/** What a run's job knows of its run. */
export type BudgetedRun = Pick<
  ExtractionRun,
  'id' | 'connectionId' | 'orgId' | 'status' | 'deadlineAt' | 'startedAt' | 'createdAt'
>;

/** Why a job is put off: the budget ran out under it, its org's pause holds, or another job checks the budget. */
type DelayReason = 'spent' | 'paused' | 'checking';

/**
 * Lets a run's job call Salesforce only while its org's API budget allows. While the org's pause holds,
 * the job is put off until it ends, without a call. Once it ended and the run still waits, one job (the
 * org's check claim) asks Salesforce for the usage (`/limits`): with room again the run resumes and the job
 * goes on; without, the pause starts over. A run that cannot go on before its deadline fails.
 * Returns when the job may go on; otherwise throws DelayedError, or UnrecoverableError once the run failed.
 */
export async function admitWithinBudget(
  context: WorkerContext,
  run: BudgetedRun,
  job: Job,
  token: string | undefined,
): Promise<void> {
  const pauses = context.budgetPauses;
  const org = pauseKey(run);
  const pause = await pauses.current(org);
  if (pause) return putOff(context, run, job, token, { ...pause, reason: 'paused' });
  if (run.status !== 'waiting_for_api_budget') return;
  const deadline = runDeadline(run, context.config.worker.runDeadlineMs);
  if (Date.now() >= deadline.getTime()) {
    return failForDeadline(context, run, { usage: undefined, resumeAt: new Date(), deadline });
  }
  const claim = await pauses.claimCheck(org, checkClaimMs);
  if (!claim) {
    const wait = Math.min(checkWaitMs, context.config.worker.budgetRecheckMs / 2);
    return putOff(context, run, job, token, { resumeAt: Date.now() + wait, reason: 'checking' });
  }
  try {
    // Another job may have finished a check just now.
    if ((await context.runs.get(run.id))?.status !== 'waiting_for_api_budget') return;
    const client = clientFor(
      context,
      { connectionId: run.connectionId, orgId: run.orgId, runId: run.id },
      checkPatience,
    );
    let usage: ApiUsage | undefined;
    try {
      usage = await readDailyUsage(client);
    } catch (error) {
      if (isBudgetSpent(error)) {
        return await waitForBudget(context, run, job, token, usageWhenSpent(error, client.apiUsage));
      }
      throw error;
    }
    if (usage && !budgetAllows(usage, context.config.worker.apiBudgetPercent)) {
      return await waitForBudget(context, run, job, token, usage);
    }
    if (await context.runs.markResumed(run.id)) {
      context.logger.info(
        { runId: run.id, connectionId: run.connectionId, usage },
        'API budget allows again: run resumed',
      );
    }
  } finally {
    await pauses.releaseCheck(org, claim);
  }
}

/**
 * Puts a run's job off because the org's budget ran out under it (see isBudgetSpent): the org pauses for
 * SFMETA_BUDGET_RECHECK_MS (Salesforce frees usage over a rolling day and never says when), the run shows
 * `waiting_for_api_budget` until then, and the job is delayed to that time, to go on where it stopped.
 * Fails the run instead when that is past its deadline. `usage` is the org's as last reported, if known.
 */
export async function waitForBudget(
  context: WorkerContext,
  run: BudgetedRun,
  job: Job,
  token: string | undefined,
  usage: ApiUsage | undefined,
): Promise<never> {
  const pauses = context.budgetPauses;
  // The org pauses even when this run cannot wait: its other runs need not spend a call to learn it.
  const pause = await pauses.pause(pauseKey(run), Date.now() + context.config.worker.budgetRecheckMs, usage);
  context.logger.warn(
    { runId: run.id, connectionId: run.connectionId, jobId: job.id, usage, resumeAt: new Date(pause.resumeAt) },
    "the org's daily API budget is spent: the run waits",
  );
  return putOff(context, run, job, token, { resumeAt: pause.resumeAt, usage: pause.usage ?? usage, reason: 'spent' });
}

/** Delays the job to `resumeAt` and shows the run waiting until then, unless that is past its deadline. */
async function putOff(
  context: WorkerContext,
  run: BudgetedRun,
  job: Job,
  token: string | undefined,
  plan: { resumeAt: number; reason: DelayReason; usage?: ApiUsage | undefined },
): Promise<never> {
  if (plan.reason !== 'checking') {
    const deadline = runDeadline(run, context.config.worker.runDeadlineMs);
    const resumeAt = new Date(plan.resumeAt);
    if (resumeAt > deadline) return failForDeadline(context, run, { usage: plan.usage, resumeAt, deadline });
    await context.runs.markWaitingForBudget(run.id, resumeAt, deadline);
  }
  if (token === undefined) throw new Error(`job ${job.id} has no lock token: it cannot be put off for API budget`);
  await job.moveToDelayed(plan.resumeAt, token);
  context.metrics.budgetDelays.inc({ queue: job.queueName, reason: plan.reason });
  throw new DelayedError();
}

async function failForDeadline(
  context: WorkerContext,
  run: BudgetedRun,
  facts: Omit<DeadlineFacts, 'percent' | 'deadlineMs'>,
): Promise<never> {
  const { apiBudgetPercent: percent, runDeadlineMs: deadlineMs } = context.config.worker;
  const reason = deadlineReason({ ...facts, percent, deadlineMs });
  await recordRunFailure(context, run, reason, new JobRefusal(reason.code, reason.message));
  throw new UnrecoverableError(reason.message);
}

/** The org's daily API usage as `/limits` reports it (or the answer's Sforce-Limit-Info when the body lacks it). */
async function readDailyUsage(client: SalesforceClient): Promise<ApiUsage | undefined> {
  const limits = await client.request<{ DailyApiRequests?: { Max?: unknown; Remaining?: unknown } }>('limits', {
    url: client.dataPath('/limits'),
  });
  const { Max: max, Remaining: remaining } = limits.DailyApiRequests ?? {};
  if (typeof max === 'number' && typeof remaining === 'number') return { used: max - remaining, max };
  return client.apiUsage;
}

/** The pause is the org's: its connections share one daily limit. */
function pauseKey(run: BudgetedRun): string {
  return run.orgId ?? run.connectionId;
}
