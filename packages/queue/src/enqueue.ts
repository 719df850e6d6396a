import type { Queues } from './queues.ts';
import type { JobPayload } from './job-catalogue.ts';

/** Queues a `connect` job; while one for the same connection waits, another is not added. */
export async function enqueueConnect(queues: Queues, payload: JobPayload<'connect'>): Promise<void> {
  queues.assertReachable();
  await queues.connect.add('connect', payload, {
    deduplication: { id: `connect-${payload.connectionId}` },
  });
}

/** Queues the `extract` job of a run; the run id is the job id, so a run is queued once. */
export async function enqueueExtract(queues: Queues, payload: JobPayload<'extract'>): Promise<void> {
  queues.assertReachable();
  await queues.extract.add('extract', payload, { jobId: payload.runId });
}
