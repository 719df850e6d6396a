import { UnrecoverableError, type Job } from 'bullmq';
import { failureReason, type FailureReason } from '@sfmeta/salesforce/failure-reason';
import { SalesforceError } from '@sfmeta/salesforce/salesforce-error';

/** True when BullMQ will not try this job again if the current attempt fails. */
export function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
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
  const retryable = !(error instanceof SalesforceError) || error.transient;
  if (retryable && !isFinalAttempt(job)) throw error;
  const reason = failureReason(error);
  await record(reason, error);
  throw new UnrecoverableError(reason.message);
}
