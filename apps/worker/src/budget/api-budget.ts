import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import type { FailureReason } from '@sfmeta/salesforce/failure-reason';
import type { ApiUsage } from '@sfmeta/salesforce/response-capture';
import { SalesforceError } from '@sfmeta/salesforce/salesforce-error';

/** The code of a run that could not finish before its deadline for want of API budget. */
export const deadlineCode = 'API_BUDGET_DEADLINE';

/**
 * True when the org's daily API budget stops the run: Salesforce refused with 403 REQUEST_LIMIT_EXCEEDED
 * ("TotalRequests Limit exceeded."), or the usage it reported reached sfmeta's share (API_BUDGET_EXHAUSTED).
 * A 429 REQUEST_LIMIT_EXCEEDED (concurrent requests) is transient, not this.
 */
export function isBudgetSpent(error: unknown): error is SalesforceError {
  return error instanceof SalesforceError && error.kind === 'limit';
}

/**
 * The org's usage when its budget was found spent: as the job's client last saw it, except that Salesforce's
 * own refusal says the org is at its limit, which a job whose last answer came before other jobs' calls (or
 * whose refused query was sent in another job's composite) saw short of it.
 */
export function usageWhenSpent(error: SalesforceError, lastSeen: ApiUsage | undefined): ApiUsage | undefined {
  if (!lastSeen || error.code !== 'REQUEST_LIMIT_EXCEEDED') return lastSeen;
  return { used: Math.max(lastSeen.used, lastSeen.max), max: lastSeen.max };
}

/** The daily calls sfmeta lets the org reach: `percent` of its limit, counted as SalesforceClient counts it. */
export function budgetOf(usage: ApiUsage, percent: number): number {
  return Math.floor(usage.max * (percent / 100));
}

/** True when the org's usage leaves sfmeta room within its share. */
export function budgetAllows(usage: ApiUsage, percent: number): boolean {
  return usage.used < budgetOf(usage, percent);
}

/** When a run waiting for API budget fails: fixed by its first wait, else `deadlineMs` after it started. */
export function runDeadline(
  run: Pick<ExtractionRun, 'deadlineAt' | 'startedAt' | 'createdAt'>,
  deadlineMs: number,
): Date {
  return run.deadlineAt ?? new Date((run.startedAt ?? run.createdAt).getTime() + deadlineMs);
}

/** What a run's deadline failure says: the usage, the budget, when it could resume and the deadline. */
export interface DeadlineFacts {
  /** The org's usage as last reported; undefined when no answer reported it. */
  usage: ApiUsage | undefined;
  percent: number;
  /** The earliest time the run could go on. */
  resumeAt: Date;
  deadline: Date;
  deadlineMs: number;
}

/** Why a run fails for want of API budget before its deadline. */
export function deadlineReason(facts: DeadlineFacts): FailureReason {
  const { usage, percent } = facts;
  const spent = usage
    ? `the org has used ${usage.used} of its ${usage.max} daily API requests and sfmeta stops at ` +
      `${budgetOf(usage, percent)} (SFMETA_API_BUDGET_PERCENT ${percent} %)`
    : `the org's daily API usage was at sfmeta's share of its limit (SFMETA_API_BUDGET_PERCENT ${percent} %) ` +
      "or at Salesforce's own limit when last seen";
  return {
    code: deadlineCode,
    message:
      `The org's daily API budget stayed spent: ${spent}. The run could go on at ${facts.resumeAt.toISOString()} ` +
      `at the earliest, past its deadline ${facts.deadline.toISOString()} (SFMETA_RUN_DEADLINE_MS ` +
      `${facts.deadlineMs} ms after it started); start a new extraction once the budget allows`,
  };
}
