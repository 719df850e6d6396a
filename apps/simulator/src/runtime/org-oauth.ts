import { AuthorizationCodes } from './authorization-codes.ts';
import { DEFAULT_OAUTH_SETTINGS, type OAuthSettings } from './oauth-settings.ts';
import { RefreshTokens } from './refresh-tokens.ts';
import type { Session, SessionStore } from './sessions.ts';

/** One org's OAuth state: settings, pending codes, refresh tokens, and the access tokens issued from them. */
export class OrgOAuth {
  settings: OAuthSettings;
  readonly codes = new AuthorizationCodes();
  readonly refreshTokens = new RefreshTokens();

  constructor(
    private readonly sessions: SessionStore,
    private readonly orgName: string,
    private readonly orgId: string,
    initial: Partial<OAuthSettings> = {},
  ) {
    this.settings = { ...DEFAULT_OAUTH_SETTINGS, ...initial };
  }

  /** An access token, tied to a refresh token's grant when it came from one. */
  issueAccessToken(grantId?: string): Session {
    return this.sessions.issue(this.orgName, this.orgId, grantId);
  }

  /** Revokes refresh tokens (one grant's, or all) and every access token issued under them. */
  revokeGrants(grantId?: string): void {
    this.sessions.revokeGrants(this.orgName, this.refreshTokens.revoke(grantId));
  }

  /**
   * The revoke endpoint: a refresh token takes its access tokens along, an access token goes alone. False when
   * unknown here or already dead.
   */
  revoke(token: string): boolean {
    const refresh = this.refreshTokens.find(token);
    if (refresh) {
      if (refresh.status !== 'active') return false;
      this.revokeGrants(refresh.grantId);
      return true;
    }
    const session = this.sessions.find(token);
    if (!session || session.orgName !== this.orgName || session.revoked) return false;
    session.revoked = true;
    return true;
  }

  /** Marks the session expired once it is older than accessTokenTtlMs; true when it is expired. */
  checkExpiry(session: Session, now = Date.now()): boolean {
    const ttl = this.settings.accessTokenTtlMs;
    if (!session.expired && ttl !== null && now - session.issuedAt >= ttl) session.expired = true;
    return session.expired;
  }

  /** Access tokens that would be accepted now (sessionTtlCalls aside, which only a call can trip). */
  activeAccessTokens(): number {
    let n = 0;
    for (const s of this.sessions.ofOrg(this.orgName)) if (!s.revoked && !this.checkExpiry(s)) n++;
    return n;
  }
}
