import type { Job } from 'bullmq';
import type { JobKind } from '@sfmeta/queue/job-catalogue';
import { announceRunOutcome } from './webhooks/announce-run-outcome.ts';
import type { WorkerContext } from './worker-context.ts';

const reason = {
  code: 'JOB_FAILED',
  message:
    'A job failed without recording why (it stalled, or crashed on its last attempt); the worker logs have the details',
};

/**
 * Some job failures never reach a processor's own handling: a job that stalled too often, a
 * parent failed by its child, an error before the processor's `try`. When such a job has ended,
 * its run or connection must not stay active forever. The first recorded outcome wins, so this
 * changes nothing where the processor already said why.
 */
export async function recordLostFailure(context: WorkerContext, kind: JobKind, job: Job): Promise<void> {
  const data = job.data as { runId?: unknown; connectionId?: unknown };
  if ((kind === 'extract' || kind === 'describe' || kind === 'collect') && typeof data.runId === 'string') {
    if (await context.runs.markFailed(data.runId, reason.code, reason.message)) {
      await announceRunOutcome(context, data.runId);
    }
  }
  if (kind === 'connect' && typeof data.connectionId === 'string') {
    const connection = await context.connections.get(data.connectionId);
    if (connection?.status === 'pending')
      await context.connections.markFailed(connection.id, reason.code, reason.message);
  }
}
