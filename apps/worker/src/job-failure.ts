import { UnrecoverableError, type Job } from 'bullmq';
import { DatabaseUnavailableError } from '@sfmeta/catalog/database-unavailable-error';
import { StoreError } from '@sfmeta/catalog/store-error';
import { failureReason, type FailureReason } from '@sfmeta/salesforce/failure-reason';
import { SalesforceError } from '@sfmeta/salesforce/salesforce-error';
import { ConnectionUnusableError } from './connection-unusable-error.ts';
import { JobRefusal } from './job-refusal.ts';

/** True when BullMQ will not try this job again if the current attempt fails. */
export function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * True when the failure means the connection's credentials or tokens are refused: Salesforce
 * said so, or the connection was refused before. Only its owner can fix it.
 */
export function isRefusal(error: unknown): boolean {
  if (error instanceof SalesforceError) return error.kind === 'auth';
  return error instanceof ConnectionUnusableError && error.refused;
}

/** True when trying again cannot help: Salesforce refused for good, or the data is wrong. */
function isPermanent(error: unknown): boolean {
  if (error instanceof SalesforceError) return !error.transient;
  return error instanceof StoreError || error instanceof JobRefusal;
}

/** A failure as users see it; a describe the store cannot read is named, not hidden. */
function reasonFor(error: unknown): FailureReason {
  if (error instanceof JobRefusal) return { code: error.code, message: error.message };
  if (error instanceof DatabaseUnavailableError) {
    return { code: 'DATABASE_UNAVAILABLE', message: 'PostgreSQL stayed unavailable through every attempt of the job' };
  }
  if (error instanceof StoreError && error.code === 'INVALID_DESCRIBE') {
    return { code: 'INVALID_DESCRIBE', message: `Salesforce sent a describe sfmeta cannot read: ${error.message}` };
  }
  return failureReason(error);
}

/**
 * Decides what a failed attempt means. Transient Salesforce failures and our own infrastructure
 * errors (database, Redis) are thrown back for BullMQ to retry with backoff; permanent ones, or
 * the last attempt, are recorded through `record` and end the job without further attempts.
 */
export async function settleFailure(
  job: Job,
  error: unknown,
  record: (reason: FailureReason, error: unknown) => Promise<void>,
): Promise<never> {
  if (!isPermanent(error) && !isFinalAttempt(job)) throw error;
  const reason = reasonFor(error);
  await record(reason, error);
  throw new UnrecoverableError(reason.message);
}
