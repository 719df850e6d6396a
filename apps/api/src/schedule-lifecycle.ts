import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Schedule, ScheduleSettings } from '@sfmeta/catalog/schedule-store';
import { cadenceProblem } from '@sfmeta/queue/cadence';
import { nextScheduledRun, removeSchedule, upsertSchedule } from '@sfmeta/queue/schedules';
import { AppError } from './app-error.ts';

type Deps = Pick<FastifyInstance, 'stores' | 'queues' | 'config'>;

/** A schedule with when it ticks next (null when the queue holds no scheduler for it, or is down). */
export interface ScheduleState {
  schedule: Schedule;
  nextRunAt: Date | null;
}

/**
 * Creates or replaces a connection's schedule: the row first, then its job scheduler. When the
 * queue refuses the scheduler, the row goes back to what it was, so both keep saying the same.
 */
export async function putSchedule(
  deps: Deps,
  connectionId: string,
  settings: ScheduleSettings,
  log: FastifyBaseLogger,
): Promise<ScheduleState> {
  const { stores, queues } = deps;
  const problem = cadenceProblem(settings.cadence, deps.config.api.scheduleMinIntervalMs);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  queues.assertReachable();
  const previous = await stores.schedules.get(connectionId);
  const schedule = await stores.schedules.put(connectionId, settings);
  try {
    return { schedule, nextRunAt: await upsertSchedule(queues, connectionId, settings.cadence) };
  } catch (error) {
    await (previous ? stores.schedules.put(connectionId, previous) : stores.schedules.delete(connectionId)).catch(
      (cleanup: unknown) => log.error({ err: cleanup, connectionId }, 'cleanup failed'),
    );
    throw error;
  }
}

/**
 * A connection's schedule with its next tick; undefined when it has none. The next tick comes
 * from Redis: unless `tolerateQueueOutage`, an unreachable queue is an error.
 */
export async function readSchedule(
  deps: Deps,
  connectionId: string,
  { tolerateQueueOutage = false } = {},
): Promise<ScheduleState | undefined> {
  const schedule = await deps.stores.schedules.get(connectionId);
  if (!schedule) return undefined;
  try {
    return { schedule, nextRunAt: await nextScheduledRun(deps.queues, connectionId) };
  } catch (error) {
    if (tolerateQueueOutage) return { schedule, nextRunAt: null };
    throw error;
  }
}

/** Removes a connection's schedule: its job scheduler first, so a queue outage changes nothing. */
export async function deleteSchedule(deps: Deps, connectionId: string): Promise<boolean> {
  if (!(await deps.stores.schedules.get(connectionId))) return false;
  await removeSchedule(deps.queues, connectionId);
  await deps.stores.schedules.delete(connectionId);
  return true;
}

/**
 * Removes the job scheduler of a deleted connection. Only logged when the queue is down: the
 * scheduler's next tick finds no schedule and removes itself.
 */
export async function dropScheduler(deps: Deps, connectionId: string, log: FastifyBaseLogger): Promise<void> {
  await removeSchedule(deps.queues, connectionId).catch((error: unknown) =>
    log.warn({ err: error, connectionId }, 'could not remove the job scheduler; its next tick removes it'),
  );
}
