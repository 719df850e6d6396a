import type { Org } from '../generate-org.ts';
import { DEFAULT_DAILY_API_LIMIT } from '../org-spec.ts';
import { deriveSeed } from '../prng.ts';
import { QueryCursors } from '../soql/query-cursors.ts';
import type { QueryTable } from '../soql/query-table.ts';
import { createCounters, type RequestCounters, type RequestKind } from './counters.ts';
import { FaultInjector, type Faults } from './faults.ts';
import type { SessionStore } from './sessions.ts';

/** One org as tests and benchmarks see it inside a running simulator. */
export interface SimulatedOrg {
  org: Org;
  /** Live counters; read them at any time. */
  readonly counters: RequestCounters;
  /** Zeroes the counters, daily API usage included. */
  resetCounters(): void;
  /** Replaces this org's faults. */
  setFaults(faults: Faults): void;
  /** Invalidates every access token issued so far for this org. */
  expireSessions(): void;
}

/** An org's mutable state in the simulator: counters, usage, faults, caches and query cursors. */
export class OrgRuntime implements SimulatedOrg {
  readonly counters: RequestCounters = createCounters();
  readonly faults: FaultInjector;
  readonly cursors = new QueryCursors();
  readonly tables = new Map<string, QueryTable>();
  /** Lower-case sObject name to its canonical spelling; Salesforce matches names case-insensitively. */
  readonly names: Map<string, string>;
  private readonly describeJson = new Map<string, string>();

  constructor(readonly org: Org, private readonly sessions: SessionStore, faultSeed: number, faults: Faults = {}) {
    this.faults = new FaultInjector(deriveSeed(faultSeed, org.spec.name), { ...faults });
    this.names = new Map([...org.describes.keys()].map((n) => [n.toLowerCase(), n]));
  }

  get dailyLimit(): number {
    return this.org.spec.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT;
  }

  /** Resets in place, so references to `counters` held by tests stay live. */
  resetCounters(): void {
    Object.assign(this.counters, createCounters());
  }

  setFaults(faults: Faults): void {
    this.faults.faults = { ...faults };
  }

  expireSessions(): void {
    this.sessions.expireOrg(this.org.spec.name);
  }

  /** Counts a request that reached this org. */
  count(kind: RequestKind): void {
    this.counters.total++;
    this.counters.byKind[kind]++;
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
