import type { JobPayload } from '@sfmeta/queue/job-catalogue';
import { tokenRequestTimeoutMs } from '@sfmeta/salesforce/token-grant';
import { ConnectionUnusableError } from '../connection-unusable-error.ts';
import { grantRetries, grantSession } from '../grant-session.ts';
import { isRefusal, settleFailure } from '../job-failure.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';
import type { JobOf } from '../handler.ts';

interface Identity {
  user_id: string;
  organization_id: string;
  username: string;
}

/**
 * Gets the connection's first session (the password grant, or the exchange of the authorization
 * code the OAuth callback stored), reads the identity, and marks the connection connected.
 */
export async function processConnect(
  context: WorkerContext,
  { connectionId }: JobPayload<'connect'>,
  job: JobOf<'connect'>,
): Promise<{ orgId: string } | { skipped: string }> {
  const log = context.logger.child({ connectionId, jobId: job.id });
  try {
    const grant = await grantSession(context.connections, connectionId, 'connect');
    // As impatient as the grant: a host that answers slowly must not hold a connect slot for minutes.
    const client = clientFor(
      context,
      { connectionId, orgId: grant.orgId },
      { retry: grantRetries.connect, timeoutMs: tokenRequestTimeoutMs },
    );
    const identity = await client.request<Identity>('identity', { url: grant.identityUrl });
    await context.connections.markConnected(connectionId, {
      orgId: identity.organization_id,
      userId: identity.user_id,
      instanceUrl: grant.instanceUrl,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      issuedAt: grant.issuedAt,
    });
    log.info({ orgId: identity.organization_id }, 'connected');
    return { orgId: identity.organization_id };
  } catch (error) {
    if (error instanceof ConnectionUnusableError && error.code === 'CONNECTION_DELETED')
      return { skipped: 'connection deleted' };
    return await settleFailure(job, error, async (reason) => {
      if (isRefusal(error)) await context.connections.recordRefusal(connectionId, reason.code, reason.message);
      else await context.connections.markFailed(connectionId, reason.code, reason.message);
    });
  }
}
