import type { Job } from 'bullmq';
import { parsePayload } from '@sfmeta/queue/parse-payload';
import { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';
import { settleFailure } from '../job-failure.ts';
import { logIn } from '../log-in.ts';
import type { WorkerContext } from '../worker-context.ts';

interface Identity {
  user_id: string;
  organization_id: string;
  username: string;
}

/** Logs in with the password grant, reads the identity, and marks the connection connected. */
export async function processConnect(context: WorkerContext, job: Job): Promise<{ orgId: string } | { skipped: string }> {
  const { connectionId } = parsePayload('connect', job.data);
  const log = context.logger.child({ connectionId, jobId: job.id });
  try {
    const login = await logIn(context.connections, connectionId);
    if (!login) return { skipped: 'connection deleted' };
    const session = { accessToken: login.accessToken, instanceUrl: login.instanceUrl };
    const client = new SalesforceClient({
      sessions: { current: async () => session, renew: async () => session },
      apiVersion: context.config.salesforce.apiVersion,
      metrics: context.metrics,
      orgId: login.orgId,
      maxSessionRenewals: 0,
    });
    const identity = await client.request<Identity>('identity', { url: login.identityUrl });
    await context.connections.markConnected(connectionId, {
      orgId: identity.organization_id,
      userId: identity.user_id,
      instanceUrl: login.instanceUrl,
      accessToken: login.accessToken,
    });
    context.sessions.forget(connectionId);
    log.info({ orgId: identity.organization_id }, 'connected');
    return { orgId: identity.organization_id };
  } catch (error) {
    return await settleFailure(job, error, async (reason) => {
      await context.connections.markFailed(connectionId, reason.code, reason.message);
      log.warn({ code: reason.code, reason: reason.message }, 'connection failed');
    });
  }
}
