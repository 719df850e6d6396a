import { randomBytes } from 'node:crypto';

/** An access token and what the simulator tracks about it. */
export interface Session {
  token: string;
  orgName: string;
  /** Date.now() at issue, for OAuthSettings.accessTokenTtlMs. */
  issuedAt: number;
  /** The authorization (refresh token family) it was issued under; undefined for the password grant. */
  grantId: string | undefined;
  /** REST calls made with this token, for Faults.sessionTtlCalls. */
  calls: number;
  /** Timed out (TTL calls or ms) or expired by SimulatedOrg.expireSessions. */
  expired: boolean;
  /** Killed by the revoke endpoint or by revoking its refresh token. */
  revoked: boolean;
}

/** Access tokens of all orgs; a token names its org, which is how REST requests are routed. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  /** Issues a token shaped like Salesforce's: `<15-char org id>!<opaque>`. */
  issue(orgName: string, orgId: string, grantId?: string): Session {
    const token = `${orgId.slice(0, 15)}!AQ${randomBytes(72).toString('base64url').replace(/[-_]/g, '.')}`;
    const session: Session = {
      token,
      orgName,
      issuedAt: Date.now(),
      grantId,
      calls: 0,
      expired: false,
      revoked: false,
    };
    this.sessions.set(token, session);
    return session;
  }

  find(token: string | undefined): Session | undefined {
    return token === undefined ? undefined : this.sessions.get(token);
  }

  /** The org's tokens, dead ones included. */
  *ofOrg(orgName: string): IterableIterator<Session> {
    for (const s of this.sessions.values()) if (s.orgName === orgName) yield s;
  }

  /** Invalidates every token issued so far for the org; tokens stay known so requests still count against it. */
  expireOrg(orgName: string): void {
    for (const s of this.ofOrg(orgName)) s.expired = true;
  }

  /** Revokes the org's tokens issued under these grants. */
  revokeGrants(orgName: string, grantIds: ReadonlySet<string>): void {
    for (const s of this.ofOrg(orgName)) if (s.grantId !== undefined && grantIds.has(s.grantId)) s.revoked = true;
  }
}

/** The bearer token of an Authorization header (Salesforce also accepts the `OAuth` scheme). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
