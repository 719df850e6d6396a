import type { Cluster, Redis } from 'ioredis';
import type { ConnectionStore, StoredSession } from '@sfmeta/catalog/connection-store';
import type { Logger } from '@sfmeta/logger/logger';
import { failureReason } from '@sfmeta/salesforce/failure-reason';
import { SalesforceError } from '@sfmeta/salesforce/salesforce-error';
import type { Session, SessionSource } from '@sfmeta/salesforce/session';
import { ConnectionUnusableError } from './connection-unusable-error.ts';
import { grantSession } from './grant-session.ts';
import { SessionWaitTimeout } from './session-wait-timeout.ts';
import { RedisLock } from './redis-lock.ts';

export interface SessionPoolOptions {
  connections: ConnectionStore;
  redis: Redis | Cluster;
  /**
   * The queue prefix, a hash tag, so that tests and deployments sharing a Redis keep their locks apart,
   * and a cluster keeps them in the queues' slot.
   */
  prefix: string;
  logger: Logger;
  /** How long a renewal may hold the lock before another process may take it. */
  lockTtlMs?: number;
  /** How long to wait for another process's renewal before giving up. */
  waitMs?: number;
}

/**
 * Where the jobs of one worker process get their Salesforce sessions: from the connection store,
 * which owns them, with renewals coordinated here.
 *
 * A renewal happens once per expired token across every request and every worker: in the process
 * it is single-flight, across processes a Redis lock admits one renewer while the others wait for
 * the stored token to change, and anyone who finds the stored token already different from the
 * one that failed just uses it. A connection Salesforce refused is not renewed again.
 */
export class SessionPool {
  private readonly renewals = new Map<string, Promise<Session>>();
  private readonly lockTtlMs: number;
  private readonly waitMs: number;

  constructor(private readonly options: SessionPoolOptions) {
    this.lockTtlMs = options.lockTtlMs ?? 60_000;
    this.waitMs = options.waitMs ?? 90_000;
  }

  /** The session source a client of `connectionId` uses. */
  sourceFor(connectionId: string): SessionSource {
    return {
      current: () => this.current(connectionId),
      renew: (stale) => this.renew(connectionId, stale),
    };
  }

  /**
   * The stored session, read when a client starts (once per job) rather than kept in the process:
   * a session replaced by a PATCH, a reauthorization or another worker's renewal is seen at once.
   */
  private async current(connectionId: string): Promise<Session> {
    return (await this.freshSession(connectionId, undefined)) ?? this.renew(connectionId, undefined);
  }

  private renew(connectionId: string, stale: Session | undefined): Promise<Session> {
    const inFlight = this.renewals.get(connectionId);
    if (inFlight) return inFlight;
    const renewal = this.renewAcrossWorkers(connectionId, stale).finally(() => this.renewals.delete(connectionId));
    this.renewals.set(connectionId, renewal);
    return renewal;
  }

  private async renewAcrossWorkers(connectionId: string, stale: Session | undefined): Promise<Session> {
    const lock = new RedisLock(
      this.options.redis,
      `${this.options.prefix}:session-lock:${connectionId}`,
      this.lockTtlMs,
    );
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const fresh = await this.freshSession(connectionId, stale);
      if (fresh) return fresh;
      if (await lock.acquire()) {
        try {
          // Someone may have finished a renewal between our check and taking the lock.
          return (await this.freshSession(connectionId, stale)) ?? (await this.grant(connectionId, stale));
        } finally {
          await lock
            .release()
            .catch((error: unknown) =>
              this.options.logger.warn({ connectionId, err: error }, 'could not release the session lock'),
            );
        }
      }
      if (Date.now() > deadline) {
        throw new SessionWaitTimeout('Timed out waiting for another worker to renew the session');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The stored session when it differs from the stale one; throws if the connection is gone or refused. */
  private async freshSession(connectionId: string, stale: Session | undefined): Promise<Session | undefined> {
    // One query per poll: waiters call this every 50 ms while another worker renews.
    const stored = await this.options.connections.storedSession(connectionId);
    if (!stored)
      throw new ConnectionUnusableError('CONNECTION_DELETED', `Connection ${connectionId} no longer exists`, false);
    const { status, statusMessage } = stored.connection;
    if (status === 'needs_reauth' || status === 'failed') {
      throw new ConnectionUnusableError(
        'AUTHENTICATION_FAILED',
        `The connection is ${status}: ${statusMessage ?? 'Salesforce refused it earlier'}`,
        true,
      );
    }
    const session = usableSession(stored);
    return session && session.accessToken !== stale?.accessToken ? session : undefined;
  }

  private async grant(connectionId: string, stale: Session | undefined): Promise<Session> {
    try {
      const grant = await grantSession(this.options.connections, connectionId, 'renewal');
      this.options.logger.info({ connectionId }, 'session renewed');
      return { accessToken: grant.accessToken, instanceUrl: grant.instanceUrl };
    } catch (error) {
      if (error instanceof SalesforceError && error.kind === 'auth') {
        // A renewal that outlived the lock may have raced another worker's, which rotated the
        // refresh token under it: that is not a refusal if a fresh session is stored now.
        const fresh = await this.freshSession(connectionId, stale).catch(() => undefined);
        if (fresh) return fresh;
        const reason = failureReason(error);
        if (await this.options.connections.recordRefusal(connectionId, reason.code, reason.message)) {
          this.options.logger.warn({ connectionId, code: reason.code }, 'Salesforce refused the connection');
        }
      }
      throw error;
    }
  }
}

/** The stored access token and where to use it, when the connection has both. */
function usableSession({ connection, secrets }: StoredSession): Session | undefined {
  if (!connection.instanceUrl || !secrets.accessToken) return undefined;
  return { accessToken: secrets.accessToken, instanceUrl: connection.instanceUrl };
}
