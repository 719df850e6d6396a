import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import type { WorkerContext } from '../worker-context.ts';

/** Removes the runs retention no longer keeps, and the catalog versions no kept run points to. */
export async function processRetention(context: WorkerContext, _payload: JobPayload<'retention'>): Promise<unknown> {
  const removed = await context.runs.applyRetention(context.config.retention);
  if (removed.runs + removed.versions > 0) context.logger.info(removed, 'retention removed old runs and versions');
  return removed;
}
