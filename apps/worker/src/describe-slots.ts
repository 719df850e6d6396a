import { performance } from 'node:perf_hooks';

/** Past this share of its time busy, a worker process takes fewer describe jobs at once. */
export const busyAbove = 0.75;
/** Below this share, it takes more again, up to its configured concurrency. */
export const idleBelow = 0.5;

/**
 * The describe jobs a worker process runs at once after a period in which its event loop was busy
 * `utilization` (0–1) of the time: half as many when it was saturated, so that it gives way within a couple of
 * periods, one more when it waited on the network, between 1 and `max`.
 */
export function nextDescribeSlots(current: number, utilization: number, max: number): number {
  if (utilization > busyAbove) return Math.max(1, Math.ceil(current / 2));
  if (utilization < idleBelow) return Math.min(max, current + 1);
  return Math.min(max, current);
}

/** How busy the event loop was since the last call (0–1): Node's event loop utilization. */
export function eventLoopUtilization(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization;
  };
}

/**
 * Fits a worker's describe concurrency to its process every `intervalMs`: a process whose event loop is
 * saturated gains nothing from more describe jobs at once (the CPU is what they wait for) but holds their
 * describes in memory and delays every other job's step, such as a small org's collect jobs; a process that
 * waits on a slow org takes more, to keep more requests in flight. Returns what stops it.
 */
export function adaptDescribeSlots(
  worker: { concurrency: number },
  options: { max: number; intervalMs: number; onChange?: (slots: number, utilization: number) => void },
  utilization: () => number = eventLoopUtilization(),
): () => void {
  const timer = setInterval(() => {
    const busy = utilization();
    const next = nextDescribeSlots(worker.concurrency, busy, options.max);
    if (next === worker.concurrency) return;
    worker.concurrency = next;
    options.onChange?.(next, busy);
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
