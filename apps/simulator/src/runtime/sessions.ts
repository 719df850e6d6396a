import { randomBytes } from 'node:crypto';

/** An access token and what the simulator tracks about it. */
export interface Session {
  token: string;
  orgName: string;
  /** REST calls made with this token, for Faults.sessionTtlCalls. */
  calls: number;
  expired: boolean;
}

/** Access tokens of all orgs; a token names its org, which is how REST requests are routed. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  /** Issues a token shaped like Salesforce's: `<15-char org id>!<opaque>`. */
  issue(orgName: string, orgId: string): Session {
    const token = `${orgId.slice(0, 15)}!AQ${randomBytes(72).toString('base64url').replace(/[-_]/g, '.')}`;
    const session: Session = { token, orgName, calls: 0, expired: false };
    this.sessions.set(token, session);
    return session;
  }

  find(token: string | undefined): Session | undefined {
    return token === undefined ? undefined : this.sessions.get(token);
  }

  /** Invalidates every token issued so far for the org; tokens stay known so requests still count against it. */
  expireOrg(orgName: string): void {
    for (const s of this.sessions.values()) if (s.orgName === orgName) s.expired = true;
  }
}

/** The bearer token of an Authorization header (Salesforce also accepts the `OAuth` scheme). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
