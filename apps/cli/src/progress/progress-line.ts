import { formatDuration } from '../format/duration.ts';

/** The parts of an extraction that its progress shows. */
export interface ProgressView {
  status: string;
  progress: { objectsDone: number; objectsTotal: number | null; percent: number | null };
  apiCalls: number;
  /** While the run waits for API budget: when it checks again. */
  resumeAt?: string | null;
}

/** The run's status shown for people. */
const STATUS_TEXT: Record<string, string> = { waiting_for_api_budget: 'waiting for API budget' };

const BAR_WIDTH = 24;

function objects(view: ProgressView): string {
  const { objectsDone, objectsTotal } = view.progress;
  return `${objectsDone}/${objectsTotal ?? '?'} objects`;
}

/** What comes after the counts: the ETA, or when a waiting run resumes. */
function outlook(view: ProgressView, secondsLeft: number | null, now: number): string {
  if (view.status === 'waiting_for_api_budget') {
    if (!view.resumeAt) return 'resumes when the budget allows';
    const resumeAt = new Date(view.resumeAt);
    return `resumes at ${resumeAt.toISOString()} (in ${formatDuration((resumeAt.getTime() - now) / 1000)})`;
  }
  return `ETA ${secondsLeft === null ? '--' : formatDuration(secondsLeft)}`;
}

/** One plain line per change, for logs and pipes: `running: 20/30 objects (66%), 15 API calls, ETA 3s`. */
export function plainProgressLine(view: ProgressView, secondsLeft: number | null, now: number): string {
  const status = STATUS_TEXT[view.status] ?? view.status;
  if (view.status === 'queued') return `${status}: waiting for a worker`;
  const percent = view.progress.percent === null ? '' : ` (${view.progress.percent}%)`;
  return `${status}: ${objects(view)}${percent}, ${view.apiCalls} API calls, ${outlook(view, secondsLeft, now)}`;
}

/** A bar of `width` cells filled to `percent`. */
export function progressBar(percent: number | null, width = BAR_WIDTH): string {
  const filled = Math.round(((percent ?? 0) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/**
 * The line a terminal redraws in place: `running [████░░░░] 20/30 objects 66% · 15 API calls · ETA 3s`,
 * cut to `columns` so that it never wraps.
 */
export function terminalProgressLine(
  view: ProgressView,
  secondsLeft: number | null,
  now: number,
  columns: number,
): string {
  const status = STATUS_TEXT[view.status] ?? view.status;
  const percent = view.progress.percent === null ? '' : ` ${view.progress.percent}%`;
  const line =
    `${status} [${progressBar(view.progress.percent)}] ${objects(view)}${percent}` +
    ` · ${view.apiCalls} API calls · ${outlook(view, secondsLeft, now)}`;
  return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`;
}
