import type { Schedule } from '@sfmeta/catalog/schedule-store';
import { restoreRetention } from '@sfmeta/queue/retention-schedule';
import { removeSchedule, scheduledConnectionIds, upsertSchedule } from '@sfmeta/queue/schedules';
import { type PeriodicCheck, startPeriodicCheck } from './periodic-check.ts';
import type { WorkerContext } from './worker-context.ts';

type Deps = Pick<WorkerContext, 'config' | 'queues' | 'schedules' | 'logger'>;

/** What one check recreated: the connections whose job scheduler was missing, and the retention job's. */
export interface RestoredSchedulers {
  connectionIds: string[];
  retention: boolean;
}

/**
 * Recreates the job schedulers that Redis lost (a restart without its data, a new queue prefix)
 * while PostgreSQL still holds their schedules, as the API creates them, and the retention job's.
 * Only missing ones are created, so an existing scheduler keeps its next tick. Workers may do it
 * at once: BullMQ keeps one scheduler per id, a second upsert of an interval keeps the first's
 * slot, and both compute the same next tick of a cron pattern, so each keeps one next job.
 */
export async function restoreSchedules(deps: Deps): Promise<RestoredSchedulers> {
  // Redis first: a schedule the API creates in between is seen missing, and upserting it again changes nothing.
  const present = await scheduledConnectionIds(deps.queues);
  const missing = (await deps.schedules.list()).filter((schedule) => !present.has(schedule.connectionId));
  const connectionIds: string[] = [];
  for (const schedule of missing) {
    // One schedule the queue refuses must not leave the others without their scheduler.
    try {
      if (await restoreScheduler(deps, schedule)) connectionIds.push(schedule.connectionId);
    } catch (error) {
      deps.logger.warn({ err: error, connectionId: schedule.connectionId }, 'could not restore a job scheduler');
    }
  }
  const retention = await restoreRetention(deps.queues, deps.config.retention.intervalMs);
  if (connectionIds.length > 0 || retention) {
    deps.logger.warn({ restored: connectionIds.length, retention }, 'restored job schedulers missing from Redis');
  }
  return { connectionIds, retention };
}

/**
 * Upserts a schedule's job scheduler, then reads the schedule again: the API may have replaced or
 * deleted it meanwhile, and its own upsert or removal may have come before this one. False when
 * the schedule is gone; a deletion seen too late leaves a scheduler whose next tick removes it.
 */
async function restoreScheduler(deps: Deps, schedule: Schedule): Promise<boolean> {
  const { connectionId } = schedule;
  await upsertSchedule(deps.queues, connectionId, schedule.cadence);
  const current = await deps.schedules.get(connectionId);
  if (!current) {
    await removeSchedule(deps.queues, connectionId);
    return false;
  }
  if (current.updatedAt.getTime() !== schedule.updatedAt.getTime()) {
    await upsertSchedule(deps.queues, connectionId, current.cadence);
  }
  return true;
}

/**
 * Starts the periodic restore of one worker process: at start, then every `lostRunCheckMs`, as the
 * lost-run check. Each worker runs its own, so that schedules tick again within `lostRunCheckMs` of
 * Redis coming back empty while any worker is alive. On the worker's connection a check waits while
 * Redis is unreachable, so the one after it is back runs at once.
 */
export function startScheduleRestorer(deps: Deps): PeriodicCheck {
  return startPeriodicCheck(() => restoreSchedules(deps), {
    intervalMs: deps.config.worker.lostRunCheckMs,
    logger: deps.logger,
    failure: 'job scheduler check failed; trying again later',
  });
}
