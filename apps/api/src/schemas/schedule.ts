import { Type, type Static } from 'typebox';
import type { Schedule } from '@sfmeta/catalog/schedule-store';
import { Nullable, Timestamp, iso } from './common.ts';
import { Identifier } from './text.ts';

const FullEvery = Type.Integer({
  minimum: 1,
  maximum: 1000,
  description: 'Every Nth run the schedule starts is a full re-crawl (the first one too); 1: always full. Default 7',
});

/** A schedule on a cron pattern, read in a time zone. */
export const CronScheduleBody = Type.Object(
  {
    cron: Identifier({ maxLength: 200, description: 'A cron pattern as BullMQ reads it, e.g. "0 3 * * *"' }),
    timezone: Type.Optional(Identifier({ maxLength: 100, description: 'An IANA time zone; default UTC' })),
    fullEvery: Type.Optional(FullEvery),
  },
  { additionalProperties: false, title: 'CronSchedule' },
);

/** A schedule on a fixed interval. */
export const IntervalScheduleBody = Type.Object(
  {
    everyMinutes: Type.Number({
      exclusiveMinimum: 0,
      maximum: 527_040,
      description: 'Minutes between ticks (fractions allowed); at least SFMETA_SCHEDULE_MIN_INTERVAL_MS',
    }),
    fullEvery: Type.Optional(FullEvery),
  },
  { additionalProperties: false, title: 'IntervalSchedule' },
);

/**
 * A connection's schedule as a client sets it: `cron` (with `timezone`) or `everyMinutes`.
 * if/then/else rather than anyOf, so that an error names the field wrong for the chosen kind.
 */
export const PutScheduleBody = Type.Unsafe<Static<typeof CronScheduleBody> | Static<typeof IntervalScheduleBody>>({
  title: 'PutSchedule',
  description: '{cron, timezone?} or {everyMinutes}, each with an optional fullEvery',
  type: 'object',
  if: { type: 'object', required: ['cron'] },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a thenable
  then: CronScheduleBody,
  else: IntervalScheduleBody,
});

/** A connection's extraction schedule, with when it ticks next and what its ticks did. */
export const ScheduleResponse = Type.Object(
  {
    connectionId: Type.String({ format: 'uuid' }),
    cron: Nullable(Type.String()),
    timezone: Nullable(Type.String()),
    everyMinutes: Nullable(Type.Number()),
    fullEvery: Type.Integer(),
    nextRunAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the schedule ticks next; null when the job queue holds no scheduler for it',
    }),
    counts: Type.Object({
      ticks: Type.Integer(),
      runsStarted: Type.Integer(),
      ticksSkipped: Type.Integer({ description: 'Ticks that found a run active, or the connection not connected' }),
    }),
    lastSkipReason: Nullable(Type.String()),
    lastRunId: Nullable(Type.String({ format: 'uuid' })),
    lastTickAt: Nullable(Timestamp),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Schedule' },
);

export function toScheduleResponse(schedule: Schedule, nextRunAt: Date | null): Static<typeof ScheduleResponse> {
  const { cadence } = schedule;
  return {
    connectionId: schedule.connectionId,
    cron: 'cron' in cadence ? cadence.cron : null,
    timezone: 'cron' in cadence ? cadence.timezone : null,
    everyMinutes: 'everyMs' in cadence ? cadence.everyMs / 60_000 : null,
    fullEvery: schedule.fullEvery,
    nextRunAt: iso(nextRunAt),
    counts: { ticks: schedule.ticks, runsStarted: schedule.runsStarted, ticksSkipped: schedule.ticksSkipped },
    lastSkipReason: schedule.lastSkipReason,
    lastRunId: schedule.lastRunId,
    lastTickAt: iso(schedule.lastTickAt),
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
  };
}

/** A schedule as the API answers it. */
export type ScheduleView = Static<typeof ScheduleResponse>;
