/** The request kinds counted per org; composite subrequests are not counted as kinds of their own. */
export const REQUEST_KINDS = [
  'oauth_token', 'identity', 'versions', 'describe_global', 'describe', 'limits', 'record_count',
  'query', 'tooling_query', 'composite', 'composite_batch', 'other',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** What one org has seen since the simulator started or counters were reset. */
export interface RequestCounters {
  /** Every HTTP request that reached this org, failed and faulted ones and OAuth included. */
  total: number;
  byKind: Record<RequestKind, number>;
  /** Calls counted against the daily API limit: composite counts 1, composite/batch one per subrequest. */
  apiUsage: number;
  /** Successful token grants. */
  logins: number;
  failedLogins: number;
}

/** Fresh counters with every kind present at zero, so tests can compare whole objects. */
export function createCounters(): RequestCounters {
  const byKind = Object.fromEntries(REQUEST_KINDS.map((k) => [k, 0])) as Record<RequestKind, number>;
  return { total: 0, byKind, apiUsage: 0, logins: 0, failedLogins: 0 };
}
