/** An access token and the host to use it on. */
export interface Session {
  accessToken: string;
  instanceUrl: string;
}

/**
 * Where a client gets its session, and how it asks for a new one when Salesforce says the
 * current one is invalid. `renew` receives the session that failed, so that an implementation
 * can tell whether someone else has already replaced it.
 */
export interface SessionSource {
  current(): Promise<Session>;
  renew(stale: Session): Promise<Session>;
}
