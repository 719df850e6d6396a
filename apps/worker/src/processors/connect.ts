import type { Job } from 'bullmq';
import type { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { parsePayload } from '@sfmeta/queue/parse-payload';
import { loginWithPassword } from '@sfmeta/salesforce/password-login';
import { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';
import { SalesforceError } from '@sfmeta/salesforce/salesforce-error';
import type { TokenGrant } from '@sfmeta/salesforce/token-grant';
import { exchangeAuthorizationCode, refreshAccessToken } from '@sfmeta/salesforce/web-server-flow';
import { recordConnectionRefusal } from '../connection-refusal.ts';
import { assertHostResolves } from '../host-resolution.ts';
import { settleFailure } from '../job-failure.ts';
import type { WorkerContext } from '../worker-context.ts';

/**
 * One quick retry inside a connect attempt: BullMQ's backoff spaces the attempts, so a slow or
 * unreachable host holds a worker slot for seconds, not minutes, and cannot clog the queue.
 */
const connectRetry = { retries: 1, minTimeout: 500, maxTimeout: 1000 };

interface Identity {
  user_id: string;
  organization_id: string;
  username: string;
}

/**
 * Gets the connection's first session (the password grant, or the exchange of the authorization
 * code the OAuth callback stored), reads the identity, and marks the connection connected.
 */
export async function processConnect(context: WorkerContext, job: Job): Promise<{ orgId: string } | { skipped: string }> {
  const { connectionId } = parsePayload('connect', job.data);
  const log = context.logger.child({ connectionId, jobId: job.id });
  try {
    const grant = await firstGrant(context.connections, connectionId);
    if (!grant) return { skipped: 'connection deleted or nothing to exchange' };
    const session = { accessToken: grant.accessToken, instanceUrl: grant.instanceUrl };
    const client = new SalesforceClient({
      sessions: { current: async () => session, renew: async () => session },
      apiVersion: context.config.salesforce.apiVersion,
      metrics: context.metrics,
      orgId: grant.orgId,
      maxSessionRenewals: 0,
    });
    const identity = await client.request<Identity>('identity', { url: grant.identityUrl });
    await context.connections.markConnected(connectionId, {
      orgId: identity.organization_id,
      userId: identity.user_id,
      instanceUrl: grant.instanceUrl,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      issuedAt: grant.issuedAt,
    });
    context.sessions.forget(connectionId);
    log.info({ orgId: identity.organization_id }, 'connected');
    return { orgId: identity.organization_id };
  } catch (error) {
    return await settleFailure(job, error, async (reason) => {
      if (error instanceof SalesforceError && error.kind === 'auth') {
        await recordConnectionRefusal(context, connectionId, reason);
      } else {
        await context.connections.markFailed(connectionId, reason.code, reason.message);
      }
    });
  }
}

async function firstGrant(connections: ConnectionStore, connectionId: string): Promise<TokenGrant | undefined> {
  const [connection, secrets] = await Promise.all([connections.get(connectionId), connections.secrets(connectionId)]);
  if (!connection || !secrets) return undefined;
  if (connection.connectedAt === null) await assertHostResolves(connection.host);
  const client = { loginUrl: connection.host, clientId: connection.consumerKey, clientSecret: secrets.consumerSecret };
  if (connection.authType === 'password') {
    return loginWithPassword(
      {
        ...client,
        username: connection.username ?? '',
        password: secrets.password ?? '',
        securityToken: secrets.securityToken,
      },
      connectRetry,
    );
  }
  // A code is exchanged once: it is taken from the store, put back only if the exchange failed
  // before Salesforce could have seen it, and its tokens are stored before anything else can
  // fail, so that a retried job goes on with them (through a refresh) instead of losing them.
  const authorization = await connections.takeAuthorizationCode(connectionId);
  if (!authorization) {
    if (!secrets.refreshToken) {
      throw new SalesforceError('NO_AUTHORIZATION', 'There is no authorization code or refresh token; authorize again', 'auth');
    }
    return storeGrant(connections, connectionId, await refreshAccessToken(client, secrets.refreshToken, connectRetry));
  }
  let grant: TokenGrant;
  try {
    grant = await exchangeAuthorizationCode(
      { ...client, redirectUri: authorization.redirectUri },
      authorization.code,
      authorization.codeVerifier,
      connectRetry,
    );
  } catch (error) {
    if (error instanceof SalesforceError && error.transient) {
      await connections.saveAuthorizationCode(connectionId, authorization);
    }
    throw error;
  }
  return storeGrant(connections, connectionId, grant);
}

async function storeGrant(connections: ConnectionStore, connectionId: string, grant: TokenGrant): Promise<TokenGrant> {
  await connections.saveSession(connectionId, {
    accessToken: grant.accessToken,
    instanceUrl: grant.instanceUrl,
    issuedAt: grant.issuedAt,
    refreshToken: grant.refreshToken,
  });
  return grant;
}
