// cron-parser 4 is CommonJS: Node's ESM loader only gives it a default export.
import cronParser from 'cron-parser';

/** When a connection's schedule ticks: a cron pattern read in an IANA time zone, or a fixed interval. */
export type Cadence = { cron: string; timezone: string } | { everyMs: number };

// A pattern's runs are checked this far ahead for gaps shorter than the minimum: enough to meet
// lists such as `0,1 3 * * *`, and cheap.
const RUNS_CHECKED = 50;

/** True when `timezone` is a time zone this Node.js knows (IANA names and their aliases, e.g. `UTC`). */
export function isKnownTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The next runs of a cron pattern in its time zone, read by cron-parser as BullMQ reads it;
 * throws cron-parser's error when the pattern is invalid or never matches.
 */
export function cronRuns(cron: string, timezone: string, count: number, from = new Date()): Date[] {
  const runs = cronParser.parseExpression(cron, { tz: timezone, currentDate: from });
  return Array.from({ length: count }, () => runs.next().toDate());
}

/**
 * Why a cadence cannot be scheduled, in words for the client, or undefined when it can: an
 * unknown time zone, a pattern BullMQ could not read, or runs closer than `minIntervalMs`.
 */
export function cadenceProblem(cadence: Cadence, minIntervalMs: number): string | undefined {
  const minimum = `the minimum interval is ${formatMs(minIntervalMs)}`;
  if ('everyMs' in cadence) {
    if (!Number.isSafeInteger(cadence.everyMs) || cadence.everyMs < minIntervalMs) {
      return `an interval of ${formatMs(cadence.everyMs)} is too short: ${minimum}`;
    }
    return undefined;
  }
  const { cron, timezone } = cadence;
  if (!isKnownTimeZone(timezone)) return `timezone "${timezone}" is not a known IANA time zone, e.g. Europe/Paris`;
  let runs: Date[];
  try {
    runs = cronRuns(cron, timezone, RUNS_CHECKED);
  } catch (error) {
    return `cron "${cron}" is not a valid cron expression: ${(error as Error).message}`;
  }
  for (let index = 1; index < runs.length; index++) {
    const gap = (runs[index] as Date).getTime() - (runs[index - 1] as Date).getTime();
    if (gap < minIntervalMs) return `cron "${cron}" runs ${formatMs(gap)} apart: ${minimum}`;
  }
  return undefined;
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
