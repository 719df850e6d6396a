import type { FailureReason } from '@sfmeta/salesforce/failure-reason';
import { isRefusal } from './job-failure.ts';
import { announceRunOutcome } from './webhooks/announce-run-outcome.ts';
import type { WorkerContext } from './worker-context.ts';

/**
 * Records why a run failed; when the cause is the connection itself (credentials refused), the
 * connection says so too, so that its owner knows to fix it before the next extraction.
 */
export async function recordRunFailure(
  context: WorkerContext,
  run: { id: string; connectionId: string },
  reason: FailureReason,
  error: unknown,
): Promise<void> {
  if (await context.runs.markFailed(run.id, reason.code, reason.message)) await announceRunOutcome(context, run.id);
  if (isRefusal(error) && (await context.connections.recordRefusal(run.connectionId, reason.code, reason.message))) {
    context.logger.warn({ connectionId: run.connectionId, code: reason.code }, 'Salesforce refused the connection');
  }
  context.logger.warn({ runId: run.id, connectionId: run.connectionId, code: reason.code }, 'extraction failed');
}
