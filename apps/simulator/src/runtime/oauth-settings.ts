/** How an org's Connected App and test user behave towards OAuth; changeable at run time with SimulatedOrg.setOAuth. */
export interface OAuthSettings {
  /** The authorize endpoint redirects with error=access_denied instead of a code. */
  denyAuthorization: boolean;
  /** Each refresh returns a new refresh token and kills the one it used. */
  rotateRefreshTokens: boolean;
  /** Access tokens expire this many ms after issue; null for never (besides Faults.sessionTtlCalls). */
  accessTokenTtlMs: number | null;
  /** Lifetime of an authorization code. */
  codeTtlMs: number;
  /** When false, every grant answers inactive_user. */
  userActive: boolean;
  /** When true, the Connected App is gone: authorize and token answer invalid_client_id. */
  clientDeleted: boolean;
}

/** Salesforce's defaults: rotation off, codes valid 15 minutes; no access-token TTL, so long tests are not cut short. */
export const DEFAULT_OAUTH_SETTINGS: Readonly<OAuthSettings> = {
  denyAuthorization: false,
  rotateRefreshTokens: false,
  accessTokenTtlMs: null,
  codeTtlMs: 15 * 60 * 1000,
  userActive: true,
  clientDeleted: false,
};
