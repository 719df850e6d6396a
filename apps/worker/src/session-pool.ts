import type { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { logIn } from './log-in.ts';
import type { Session, SessionSource } from '@sfmeta/salesforce/session';

/**
 * The sessions of one worker process, one per connection, shared by all its jobs. A renewal is
 * single-flight within the process, and is skipped when the stored token already differs from
 * the one that failed (another worker renewed it first).
 */
export class SessionPool {
  private readonly sessions = new Map<string, Session>();
  private readonly renewals = new Map<string, Promise<Session>>();

  constructor(private readonly connections: ConnectionStore) {}

  /** The session source a client of `connectionId` uses. */
  sourceFor(connectionId: string): SessionSource {
    return {
      current: () => this.current(connectionId),
      renew: (stale) => this.renew(connectionId, stale),
    };
  }

  /** Forgets a connection's session, e.g. after the connection was deleted. */
  forget(connectionId: string): void {
    this.sessions.delete(connectionId);
  }

  private async current(connectionId: string): Promise<Session> {
    const cached = this.sessions.get(connectionId);
    if (cached) return cached;
    const stored = await this.stored(connectionId);
    if (stored) {
      this.sessions.set(connectionId, stored);
      return stored;
    }
    return this.renew(connectionId, undefined);
  }

  private renew(connectionId: string, stale: Session | undefined): Promise<Session> {
    const inFlight = this.renewals.get(connectionId);
    if (inFlight) return inFlight;
    const renewal = this.login(connectionId, stale).finally(() => this.renewals.delete(connectionId));
    this.renewals.set(connectionId, renewal);
    return renewal;
  }

  private async login(connectionId: string, stale: Session | undefined): Promise<Session> {
    const stored = await this.stored(connectionId);
    if (stored && stored.accessToken !== stale?.accessToken) {
      this.sessions.set(connectionId, stored);
      return stored;
    }
    const login = await logIn(this.connections, connectionId);
    if (!login) throw new Error(`Connection ${connectionId} no longer exists`);
    const session = { accessToken: login.accessToken, instanceUrl: login.instanceUrl };
    await this.connections.saveSession(connectionId, session);
    this.sessions.set(connectionId, session);
    return session;
  }

  private async stored(connectionId: string): Promise<Session | undefined> {
    const [connection, secrets] = await Promise.all([
      this.connections.get(connectionId),
      this.connections.secrets(connectionId),
    ]);
    if (!connection?.instanceUrl || !secrets?.accessToken) return undefined;
    return { accessToken: secrets.accessToken, instanceUrl: connection.instanceUrl };
  }
}
