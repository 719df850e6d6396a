import type { FailureReason } from '@sfmeta/salesforce/failure-reason';
import type { WorkerContext } from './worker-context.ts';

/**
 * Records that Salesforce refused a connection's credentials or tokens. An OAuth connection
 * needs its owner to authorize again (`needs_reauth`); a password connection needs new
 * credentials (`failed`). Either way no job retries until someone acts.
 */
export async function recordConnectionRefusal(
  context: Pick<WorkerContext, 'connections' | 'logger'>,
  connectionId: string,
  reason: FailureReason,
): Promise<void> {
  const connection = await context.connections.get(connectionId);
  // The first refusal names the cause; later ones only echo it.
  if (!connection || connection.status === 'needs_reauth' || connection.status === 'failed') return;
  if (connection.authType === 'oauth') await context.connections.markNeedsReauth(connectionId, reason.code, reason.message);
  else await context.connections.markFailed(connectionId, reason.code, reason.message);
  context.logger.warn({ connectionId, code: reason.code }, 'Salesforce refused the connection');
}
