import { generateOrg, type Org } from '../generate-org.ts';
import { applyMutations } from '../mutations/apply-mutations.ts';
import type { Mutation, MutationResult } from '../mutations/mutation-schema.ts';
import { DEFAULT_DAILY_API_LIMIT } from '../org-spec.ts';
import { deriveSeed } from '../prng.ts';
import { QueryCursors } from '../soql/query-cursors.ts';
import type { QueryTable } from '../soql/query-table.ts';
import { changedThroughout, lastChangeOf, nextChangeTime } from './change-time.ts';
import { createCounters, type RequestCounters, type RequestKind } from './counters.ts';
import { FaultInjector, type Faults } from './faults.ts';
import type { OAuthSettings } from './oauth-settings.ts';
import { OrgOAuth } from './org-oauth.ts';
import type { OrgShape } from './org-shape.ts';
import type { Session, SessionStore } from './sessions.ts';

/** A snapshot of an org's OAuth state, for tests. */
export interface OAuthState {
  settings: OAuthSettings;
  /** Refresh tokens that a refresh grant would accept now. */
  activeRefreshTokens: string[];
  /** Access tokens neither revoked nor expired. */
  activeAccessTokens: number;
  /** Authorization codes neither used nor expired. */
  pendingCodes: number;
}

/** One org as tests and benchmarks see it inside a running simulator. */
export interface SimulatedOrg {
  /** The generated org; a new object after setShape or mutate. */
  readonly org: Org;
  /** Live counters; read them at any time. */
  readonly counters: RequestCounters;
  /** Zeroes the counters, daily API usage included. */
  resetCounters(): void;
  /** Replaces this org's faults. */
  setFaults(faults: Faults): void;
  /** A copy of this org's faults as they are now. */
  currentFaults(): Faults;
  /** Invalidates every access token issued so far for this org; refresh tokens keep working. */
  expireSessions(): void;
  /** Changes this org's OAuth behaviour; unnamed settings keep their value. */
  setOAuth(settings: Partial<OAuthSettings>): void;
  /** Revokes every refresh token and the access tokens issued from them, like an admin revoking the app's sessions. */
  revokeRefreshTokens(): void;
  /** The current OAuth state. */
  oauthState(): OAuthState;
  /**
   * Regenerates the org's metadata with a new shape, like an admin adding objects and fields. The org keeps its
   * name, id, API user, credentials, tokens, OAuth state, faults and counters; everything in it counts as changed
   * now; open query cursors keep paging through the rows they started with (a cursor is a snapshot on Salesforce
   * too).
   */
  setShape(shape: OrgShape): void;
  /**
   * Changes the org's metadata like an admin between two crawls: all the mutations or, when one is invalid, none
   * (an InvalidInputError, InvalidMutationError when the org refuses it, says which and why). Each touched object
   * gets a new last-modified time, and the list's time moves when objects come or go. Deterministic: the same org
   * and mutations give the same describes.
   */
  mutate(mutations: readonly Mutation[]): MutationResult;
}

/** An org's mutable state in the simulator: counters, usage, faults, caches and query cursors. */
export class OrgRuntime implements SimulatedOrg {
  readonly counters: RequestCounters = createCounters();
  readonly faults: FaultInjector;
  readonly cursors = new QueryCursors();
  readonly tables = new Map<string, QueryTable>();
  /** Lower-case sObject name to its canonical spelling; Salesforce matches names case-insensitively. */
  readonly names = new Map<string, string>();
  readonly oauth: OrgOAuth;
  private readonly describeJson = new Map<string, string>();
  /** Access tokens already counted in counters.expiredTokens. */
  private readonly expiredSeen = new Set<string>();
  private current: Org;

  constructor(
    org: Org,
    private readonly sessions: SessionStore,
    faultSeed: number,
    faults: Faults = {},
  ) {
    this.current = org;
    this.faults = new FaultInjector(deriveSeed(faultSeed, org.spec.name), { ...faults });
    this.oauth = new OrgOAuth(sessions, org.spec.name, org.id, org.spec.oauth);
    this.indexNames();
  }

  get org(): Org {
    return this.current;
  }

  get dailyLimit(): number {
    return this.org.spec.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT;
  }

  /**
   * Resets in place, so references to `counters` held by tests stay live. Requests still in flight stay counted,
   * and are the new peak's start.
   */
  resetCounters(): void {
    const inFlight = this.counters.concurrentRequests;
    Object.assign(this.counters, createCounters(), {
      concurrentRequests: inFlight,
      concurrentRequestsPeak: inFlight,
    });
    this.expiredSeen.clear();
  }

  setFaults(faults: Faults): void {
    this.faults.faults = { ...faults };
  }

  currentFaults(): Faults {
    return { ...this.faults.faults };
  }

  expireSessions(): void {
    this.sessions.expireOrg(this.org.spec.name);
  }

  setOAuth(settings: Partial<OAuthSettings>): void {
    this.oauth.settings = { ...this.oauth.settings, ...settings };
  }

  revokeRefreshTokens(): void {
    this.oauth.revokeGrants();
  }

  setShape(shape: OrgShape): void {
    const previous = this.current;
    const { spec } = previous;
    const { customObjects, fieldsPerObject, seed, dailyApiLimit, ...setup } = shape;
    // The same org to its clients: the ids stay, so identity URLs and tokens (prefixed with the org id) still
    // match, and everything changed now, so a client's If-Modified-Since or date filter sees the change.
    const next = generateOrg(
      {
        ...spec,
        ...setup,
        customObjects,
        fieldsPerObject,
        seed: seed ?? spec.seed,
        dailyApiLimit: dailyApiLimit ?? spec.dailyApiLimit,
      },
      '',
      { id: previous.id, userId: previous.userId },
    );
    this.replaceOrg(changedThroughout(next, nextChangeTime(lastChangeOf(previous))));
  }

  mutate(mutations: readonly Mutation[]): MutationResult {
    const { org, result } = applyMutations(this.current, mutations, nextChangeTime(lastChangeOf(this.current)));
    if (org !== this.current) this.replaceOrg(org);
    return result;
  }

  /** Serves `org` from now on, dropping everything derived from the previous one. */
  private replaceOrg(org: Org): void {
    this.current = org;
    this.tables.clear();
    this.describeJson.clear();
    this.indexNames();
  }

  oauthState(): OAuthState {
    return {
      settings: { ...this.oauth.settings },
      activeRefreshTokens: this.oauth.refreshTokens.active(),
      activeAccessTokens: this.oauth.activeAccessTokens(),
      pendingCodes: this.oauth.codes.pending(),
    };
  }

  /**
   * Whether a request may use this access token. A REST call (`restCall`) counts towards
   * Faults.sessionTtlCalls; the first rejection of an expired token counts it in expiredTokens.
   */
  admitSession(session: Session, restCall: boolean): boolean {
    if (session.revoked) return false;
    const ttlCalls = this.faults.faults.sessionTtlCalls;
    if (!session.expired && restCall && ttlCalls !== undefined && ++session.calls > ttlCalls) session.expired = true;
    if (!this.oauth.checkExpiry(session)) return true;
    if (!this.expiredSeen.has(session.token)) {
      this.expiredSeen.add(session.token);
      this.counters.expiredTokens++;
    }
    return false;
  }

  private indexNames(): void {
    this.names.clear();
    for (const name of this.current.describes.keys()) this.names.set(name.toLowerCase(), name);
  }

  /** Counts a request that reached this org. */
  count(kind: RequestKind): void {
    this.counters.total++;
    this.counters.byKind[kind]++;
  }

  /** A request of this org started: it is in flight until `requestEnded`. */
  requestStarted(): void {
    this.counters.concurrentRequests++;
    this.counters.concurrentRequestsPeak = Math.max(
      this.counters.concurrentRequestsPeak,
      this.counters.concurrentRequests,
    );
  }

  /** A request of this org was answered, or its connection dropped. */
  requestEnded(): void {
    this.counters.concurrentRequests--;
  }

  /** Charges API calls; false, charging nothing, when they would exceed the daily limit. */
  charge(calls: number): boolean {
    if (this.counters.apiUsage + calls > this.dailyLimit) return false;
    this.counters.apiUsage += calls;
    return true;
  }

  /** The Sforce-Limit-Info header value. */
  limitInfo(): string {
    return `api-usage=${this.counters.apiUsage}/${this.dailyLimit}`;
  }

  /**
   * A body serialized once per org and version: describes are large (Account ~125 KB in real orgs)
   * and requested again and again, so they are cached as JSON with the version rewritten.
   */
  cachedJson(key: string, version: string, build: () => unknown): string {
    const cacheKey = `${version}|${key}`;
    let json = this.describeJson.get(cacheKey);
    if (json === undefined) {
      json = JSON.stringify(build());
      if (version !== '62.0') json = json.replaceAll('/services/data/v62.0/', `/services/data/v${version}/`);
      this.describeJson.set(cacheKey, json);
    }
    return json;
  }
}
