/** The request kinds counted per org; composite subrequests are not counted as kinds of their own. */
export const REQUEST_KINDS = [
  'oauth_token',
  'oauth_authorize',
  'oauth_revoke',
  'identity',
  'versions',
  'describe_global',
  'describe',
  'limits',
  'record_count',
  'query',
  'tooling_query',
  'report_describe',
  'dashboard_describe',
  'composite',
  'tooling_composite',
  'composite_batch',
  'other',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The grant types the simulator implements; they are always present in grant counts, at zero if unused. */
export const GRANT_TYPES = ['password', 'authorization_code', 'refresh_token'] as const;

/** Token requests per grant_type; unsupported grant types get a key of their own when requested. */
export type GrantCounts = Record<(typeof GRANT_TYPES)[number], number> & { [grantType: string]: number };

/** What one org has seen since the simulator started or counters were reset. */
export interface RequestCounters {
  /** Every HTTP request that reached this org, failed and faulted ones and OAuth included. */
  total: number;
  byKind: Record<RequestKind, number>;
  /** Calls counted against the daily API limit: composite counts 1, composite/batch one per subrequest. */
  apiUsage: number;
  /** Successful token requests, any grant. */
  logins: number;
  /** Failed token requests, any grant. */
  failedLogins: number;
  /** Token requests per grant_type, failures included. */
  grants: GrantCounts;
  /** Failed token requests per grant_type. */
  failedGrants: GrantCounts;
  /** Authorize requests, whatever their outcome. */
  authorizations: number;
  /** Revoke requests that killed a live token of this org. */
  revocations: number;
  /**
   * Distinct access tokens rejected at least once because they expired (sessionTtlCalls, accessTokenTtlMs or
   * expireSessions).
   */
  expiredTokens: number;
  /** Refresh grant attempts with a refresh token that was rotated out or revoked. */
  staleRefreshTokenUses: number;
  /**
   * Bytes of the response bodies sent for this org (REST, composite, OAuth, identity), counted on the serialized
   * body as written: what a crawl downloaded. A 304 or a dropped connection adds nothing.
   */
  bytesSent: number;
  /**
   * API requests of this org in flight now (REST and identity: what a client sends with a session; OAuth and admin
   * requests are not counted), from when the simulator knows the org, before its latency, until the answer is
   * sent or the connection dropped.
   */
  concurrentRequests: number;
  /** The most requests of this org in flight at once since the simulator started or counters were reset. */
  concurrentRequestsPeak: number;
}

const zeroGrants = (): GrantCounts => Object.fromEntries(GRANT_TYPES.map((g) => [g, 0])) as GrantCounts;

/** Fresh counters with every kind present at zero, so tests can compare whole objects. */
export function createCounters(): RequestCounters {
  const byKind = Object.fromEntries(REQUEST_KINDS.map((k) => [k, 0])) as Record<RequestKind, number>;
  return {
    total: 0,
    byKind,
    apiUsage: 0,
    logins: 0,
    failedLogins: 0,
    grants: zeroGrants(),
    failedGrants: zeroGrants(),
    authorizations: 0,
    revocations: 0,
    expiredTokens: 0,
    staleRefreshTokenUses: 0,
    bytesSent: 0,
    concurrentRequests: 0,
    concurrentRequestsPeak: 0,
  };
}
