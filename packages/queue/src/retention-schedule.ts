import { queueCall } from './queue-unavailable-error.ts';
import type { Queues } from './queues.ts';

const schedulerId = 'retention';

/**
 * Makes sure the retention job runs every `everyMs`. Every worker calls it at start; BullMQ keeps
 * one scheduler under one id, so many workers still make one job per interval.
 */
export async function scheduleRetention(queues: Queues, everyMs: number): Promise<void> {
  await queueCall(() =>
    queues.retention.upsertJobScheduler(schedulerId, { every: everyMs }, { name: 'retention', data: {} }),
  );
}

/**
 * Creates the retention scheduler only when Redis lost it (a restart without its data), so that an
 * existing one keeps its next run; true when it was missing.
 */
export async function restoreRetention(queues: Queues, everyMs: number): Promise<boolean> {
  if (await queueCall(() => queues.retention.getJobScheduler(schedulerId))) return false;
  await scheduleRetention(queues, everyMs);
  return true;
}
