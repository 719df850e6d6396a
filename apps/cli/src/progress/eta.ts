/** One reading of a run's progress. */
interface Sample {
  /** Milliseconds, any clock. */
  at: number;
  done: number;
}

/**
 * Estimates the time left from the rate of the last `windowMs` of readings, so that a slow start or a pause
 * (waiting for API budget) weighs on the estimate only while it is recent.
 */
export class EtaEstimator {
  private samples: Sample[] = [];

  constructor(private readonly windowMs = 30_000) {}

  /** Records that `done` items were done at `at`. */
  add(at: number, done: number): void {
    const last = this.samples.at(-1);
    // Fewer done than before means the count restarted (a new run): earlier readings no longer apply.
    if (last && done < last.done) this.samples = [];
    this.samples.push({ at, done });
    const oldest = at - this.windowMs;
    // Keep one reading older than the window, so that a window with a single reading still has a rate.
    while (this.samples.length > 2 && (this.samples[1]?.at ?? at) <= oldest) this.samples.shift();
  }

  /** Seconds until `total` is done at the recent rate; null while unknown (no total, no progress yet). */
  secondsLeft(total: number | null): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (total === null || !first || !last) return null;
    if (last.done >= total) return 0;
    const rate = (last.done - first.done) / (last.at - first.at);
    if (!(rate > 0)) return null;
    return (total - last.done) / rate / 1000;
  }
}
