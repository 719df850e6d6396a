import type { Queue } from 'bullmq';
import type { Cadence } from './cadence.ts';
import type { JobPayload } from './job-catalogue.ts';
import { queueCall } from './queue-unavailable-error.ts';
import type { Queues } from './queues.ts';

const schedulerIdPrefix = 'schedule-';

/** The id of a connection's job scheduler: one per connection, so setting it again replaces it. */
export function schedulerId(connectionId: string): string {
  return `${schedulerIdPrefix}${connectionId}`;
}

// BullMQ types a scheduler id as a job name; ours are ids of their own, so the queue is read as
// one whose names are any string.
const scheduleQueue = (queues: Queues): Queue<JobPayload<'schedule'>, unknown, string> => queues.schedule;

/**
 * Creates or replaces the BullMQ job scheduler that queues a `schedule` job for the connection
 * at each tick of `cadence`; returns when it ticks next. An interval first ticks one interval
 * from now (BullMQ would tick at once), and keeps its slot when only other settings change.
 */
export async function upsertSchedule(queues: Queues, connectionId: string, cadence: Cadence): Promise<Date | null> {
  queues.assertReachable();
  const repeat =
    'everyMs' in cadence
      ? { every: cadence.everyMs, startDate: Date.now() + cadence.everyMs }
      : { pattern: cadence.cron, tz: cadence.timezone };
  const id = schedulerId(connectionId);
  await queueCall(() =>
    scheduleQueue(queues).upsertJobScheduler(id, repeat, { name: 'schedule', data: { connectionId } }),
  );
  return nextScheduledRun(queues, connectionId);
}

/** Removes the connection's job scheduler and its next job; false when there was none. */
export async function removeSchedule(queues: Queues, connectionId: string): Promise<boolean> {
  queues.assertReachable();
  return queueCall(() => queues.schedule.removeJobScheduler(schedulerId(connectionId)));
}

/** When the connection's job scheduler ticks next; null when it has none. */
export async function nextScheduledRun(queues: Queues, connectionId: string): Promise<Date | null> {
  queues.assertReachable();
  const scheduler = await queueCall(() => queues.schedule.getJobScheduler(schedulerId(connectionId)));
  return typeof scheduler?.next === 'number' ? new Date(scheduler.next) : null;
}

/** The connections whose job scheduler Redis holds, to find the ones it lost (a restart without its data). */
export async function scheduledConnectionIds(queues: Queues): Promise<Set<string>> {
  const schedulers = await queueCall(() => queues.schedule.getJobSchedulers());
  return new Set(
    schedulers
      .map((scheduler) => scheduler?.key)
      .filter((key): key is string => key?.startsWith(schedulerIdPrefix) === true)
      .map((key) => key.slice(schedulerIdPrefix.length)),
  );
}
