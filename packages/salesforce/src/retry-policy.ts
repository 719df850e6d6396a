import type { Options } from 'p-retry';

/** Backoff for one Salesforce request; BullMQ attempts sit around the whole job. */
export interface RetryPolicy {
  retries: number;
  minTimeout: number;
  maxTimeout: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 6, minTimeout: 250, maxTimeout: 8000 };

/** p-retry options for a policy: exponential with jitter. */
export function retryOptions(policy: RetryPolicy): Options {
  return { ...policy, factor: 2, randomize: true };
}
