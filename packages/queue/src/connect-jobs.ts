import type { Queues } from './queues.ts';

/**
 * The connections that have a `connect` job still to run (waiting, delayed for a retry, or
 * running). Connect queues are short, so reading them whole is cheap.
 */
export async function connectionsWithLiveConnectJobs(queues: Queues): Promise<Set<string>> {
  const jobs = await queues.connect.getJobs(['waiting', 'prioritized', 'delayed', 'active', 'paused']);
  return new Set(jobs.map((job) => job?.data?.connectionId).filter((id): id is string => typeof id === 'string'));
}
