import type { OutputStream } from '../cli-context.ts';
import { EtaEstimator } from './eta.ts';
import { plainProgressLine, terminalProgressLine, type ProgressView } from './progress-line.ts';

/** A plain line is written at most this often while only the counts change. */
const PLAIN_INTERVAL_MS = 1000;

/**
 * Shows a followed run's progress: on a terminal one line redrawn in place, elsewhere (a pipe, a log file) a
 * plain line when the status changes, and at most once a second while the counts move.
 */
export class ProgressReporter {
  private readonly eta = new EtaEstimator();
  private lastPlain: { at: number; status: string; key: string } | undefined;
  private drawn = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly now: () => number = Date.now,
  ) {}

  /** Shows the run as last read. */
  update(view: ProgressView): void {
    const now = this.now();
    if (view.status === 'running') this.eta.add(now, view.progress.objectsDone);
    const secondsLeft = this.eta.secondsLeft(view.progress.objectsTotal);
    if (this.stream.isTTY) {
      const line = terminalProgressLine(view, secondsLeft, now, this.stream.columns ?? 80);
      this.stream.write(`\r\u001b[2K${line}`);
      this.drawn = true;
      return;
    }
    const key = `${view.status} ${view.progress.objectsDone}/${view.progress.objectsTotal} ${view.resumeAt ?? ''}`;
    const last = this.lastPlain;
    const statusChanged = last?.status !== view.status;
    if (last?.key === key || (!statusChanged && last && now - last.at < PLAIN_INTERVAL_MS)) return;
    this.stream.write(`${plainProgressLine(view, secondsLeft, now)}\n`);
    this.lastPlain = { at: now, status: view.status, key };
  }

  /** Ends the redrawn line, so that what follows starts on a line of its own. */
  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
