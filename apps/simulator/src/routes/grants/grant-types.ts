import type { OrgRuntime } from '../../runtime/org-runtime.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';

/** An OAuth error as Salesforce sends it (HTTP 400). */
export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

/** The outcome of a grant: a token body, or an OAuth error. */
export type GrantResult =
  | { ok: true; body: Record<string, string> }
  | { ok: false; status: number; body: OAuthErrorBody };

/** What a grant handler gets: the form parameters, the org its client_id names, and the simulator. */
export interface GrantRequest {
  params: Record<string, string | undefined>;
  org: OrgRuntime;
  state: SimulatorState;
  baseUrl: string;
}

/** One grant_type; each lives in its own file and is listed in the token route's registry. */
export type GrantHandler = (request: GrantRequest) => GrantResult;

/** An OAuth failure result. */
export const oauthError = (error: string, description: string, status = 400): GrantResult => ({
  ok: false,
  status,
  body: { error, error_description: description },
});

/** The errors several grants share. */
export const oauthErrors = {
  invalidClientId: () => oauthError('invalid_client_id', 'client identifier invalid'),
  invalidClient: () => oauthError('invalid_client', 'invalid client credentials'),
  inactiveUser: () => oauthError('inactive_user', 'user is inactive'),
  invalidCode: () => oauthError('invalid_grant', 'invalid authorization code'),
  invalidVerifier: () => oauthError('invalid_grant', 'invalid code verifier'),
  redirectMismatch: () => oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration'),
  expiredRefreshToken: () => oauthError('invalid_grant', 'expired access/refresh token'),
};
