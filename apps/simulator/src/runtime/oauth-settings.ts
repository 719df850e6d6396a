import { Type, type Static } from 'typebox';

/** The schema of OAuthSettings; unknown keys are refused so that a misspelt setting is an error. */
export const OAuthSettingsSchema = Type.Object(
  {
    /** The authorize endpoint redirects with error=access_denied instead of a code. */
    denyAuthorization: Type.Boolean(),
    /** Each refresh returns a new refresh token and kills the one it used. */
    rotateRefreshTokens: Type.Boolean(),
    /** Access tokens expire this many ms after issue; null for never (besides Faults.sessionTtlCalls). */
    accessTokenTtlMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    /** Lifetime of an authorization code in ms. */
    codeTtlMs: Type.Integer({ minimum: 0 }),
    /** When false, every grant answers inactive_user. */
    userActive: Type.Boolean(),
    /** When true, the Connected App is gone: authorize and token answer invalid_client_id. */
    clientDeleted: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** How an org's Connected App and test user behave towards OAuth; changeable at run time with SimulatedOrg.setOAuth. */
export type OAuthSettings = Static<typeof OAuthSettingsSchema>;

/** A change of some OAuth settings, as PATCH /__admin/orgs/:name/oauth takes it. */
export const OAuthSettingsPatchSchema = Type.Partial(OAuthSettingsSchema, { additionalProperties: false });

/**
 * Salesforce's defaults: rotation off, codes valid 15 minutes; no access-token TTL, so long tests are not cut
 * short.
 */
export const DEFAULT_OAUTH_SETTINGS: Readonly<OAuthSettings> = {
  denyAuthorization: false,
  rotateRefreshTokens: false,
  accessTokenTtlMs: null,
  codeTtlMs: 15 * 60 * 1000,
  userActive: true,
  clientDeleted: false,
};
