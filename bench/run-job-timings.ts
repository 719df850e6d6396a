import type { Queues } from '@sfmeta/queue/queues';

/** Where a run's time went, from its finished jobs: waiting in the queues for a slot, and at work. */
export interface RunJobTimings {
  jobs: number;
  /** Seconds from queued (or put off until) to taken, summed over the run's jobs, and the longest. */
  waited: number;
  longestWait: number;
  /** Seconds from taken to finished, summed, and the longest. */
  worked: number;
  longestWork: number;
}

/** The run's extract, describe and collect jobs that BullMQ still keeps as completed, timed. */
export async function runJobTimings(queues: Queues, runId: string): Promise<RunJobTimings> {
  const lists = await Promise.all(
    [queues.extract, queues.describe, queues.collect].map((queue) => queue.getJobs(['completed'], 0, -1)),
  );
  const timings: RunJobTimings = { jobs: 0, waited: 0, longestWait: 0, worked: 0, longestWork: 0 };
  for (const job of lists.flat()) {
    if ((job.data as { runId?: string }).runId !== runId) continue;
    if (job.processedOn === undefined || job.finishedOn === undefined) continue;
    // A job put off (API budget, children) was taken again later: its last taking counts.
    const queued = job.timestamp + (job.delay ?? 0);
    const waited = Math.max(0, job.processedOn - queued) / 1000;
    const worked = (job.finishedOn - job.processedOn) / 1000;
    timings.jobs++;
    timings.waited += waited;
    timings.longestWait = Math.max(timings.longestWait, waited);
    timings.worked += worked;
    timings.longestWork = Math.max(timings.longestWork, worked);
  }
  return timings;
}

/** One line: the jobs' waits and work. */
export function describeTimings(t: RunJobTimings): string {
  return (
    `${t.jobs} jobs waited ${t.waited.toFixed(2)} s for slots in all (longest ${t.longestWait.toFixed(2)} s), ` +
    `worked ${t.worked.toFixed(2)} s (longest ${t.longestWork.toFixed(2)} s)`
  );
}
