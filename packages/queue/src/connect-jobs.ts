import { enqueueConnect } from './enqueue.ts';
import { queueCall } from './queue-unavailable-error.ts';
import type { Queues } from './queues.ts';

/**
 * The connections that have a `connect` job still to run (waiting, delayed for a retry, or
 * running). Connect queues are short, so reading them whole is cheap.
 */
export async function connectionsWithLiveConnectJobs(queues: Queues): Promise<Set<string>> {
  const jobs = await queues.connect.getJobs(['waiting', 'prioritized', 'delayed', 'active', 'paused']);
  return new Set(jobs.map((job) => job?.data?.connectionId).filter((id): id is string => typeof id === 'string'));
}

/**
 * Queues a connect job again for a connection that waits without one. The id is the same for
 * every worker that finds it at the same time, so it is queued once; a finished job of that id
 * (one that ended without changing the connection) is removed first, so it is never stuck.
 */
export async function requeueConnect(queues: Queues, connectionId: string, pendingSince: Date): Promise<void> {
  const jobId = `requeue-${connectionId}-${pendingSince.getTime()}`;
  await queueCall(async () => {
    const state = await queues.connect.getJobState(jobId);
    if (state === 'completed' || state === 'failed') await queues.connect.remove(jobId);
  });
  await enqueueConnect(queues, { connectionId }, jobId);
}
