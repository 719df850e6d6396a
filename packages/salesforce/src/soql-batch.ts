import { setTimeout as sleep } from 'node:timers/promises';
import type { RetryPolicy } from './retry-policy.ts';
import type { SalesforceClient } from './salesforce-client.ts';
import { SalesforceError, toSalesforceError } from './salesforce-error.ts';

/** One SOQL query, on the data API (`/query`) or on Tooling (`/tooling/query`). */
export interface SoqlQuery {
  soql: string;
  tooling: boolean;
}

/** A record as a query returns it, without `attributes`; relationship columns stay nested objects. */
export type SoqlRecord = Record<string, unknown>;

/** A query's records, all pages of them, or the error Salesforce answered it with. */
export type QueryOutcome = { records: SoqlRecord[] } | { error: SalesforceError };

/**
 * Query subrequests (first pages and nextRecordsUrl pages alike) Salesforce runs in one composite call;
 * the same for `/composite` and Tooling's `/tooling/composite`.
 */
export const queriesPerComposite = 5;

/** Retries of a subrequest that failed transiently (503 inside a 200 composite), each in a later composite. */
export const defaultSubrequestRetry: RetryPolicy = { retries: 3, minTimeout: 250, maxTimeout: 4000 };

interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SoqlRecord[];
}

interface CompositeAnswer {
  compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string }[];
}

interface Entry {
  query: SoqlQuery;
  /** The page to ask for next: the query itself, then each nextRecordsUrl. */
  url: string;
  records: SoqlRecord[];
  retries: number;
  outcome: QueryOutcome | undefined;
  settle: (outcome: QueryOutcome) => void;
}

/**
 * Runs SOQL queries in as few API calls as possible: up to five pages to a composite call (one call
 * against the daily limit), data queries through `/composite`, Tooling queries through
 * `/tooling/composite` (the data composite does not take Tooling resources). Each query's nextRecordsUrl
 * pages go into later composites, next to other queries' pages. Queries are added with `add` and sent by
 * `run`, so a caller can add queries that depend on earlier answers and still share calls with the
 * pages still to fetch.
 */
export class SoqlBatch {
  /** Composite calls sent so far. */
  calls = 0;
  private readonly entries: Entry[] = [];
  private readonly byPromise = new Map<Promise<QueryOutcome>, Entry>();

  constructor(
    private readonly client: SalesforceClient,
    private readonly subrequestRetry: RetryPolicy = defaultSubrequestRetry,
  ) {}

  /**
   * Queues a query; the promise settles once `run` has read all its pages, or Salesforce refused it.
   * It never rejects: a refused query gives `{error}`, and failures of the whole call reject `run`.
   */
  add(query: SoqlQuery): Promise<QueryOutcome> {
    const path = `/${query.tooling ? 'tooling/' : ''}query?q=${encodeURIComponent(query.soql)}`;
    let settle: (outcome: QueryOutcome) => void = () => {};
    const promise = new Promise<QueryOutcome>((resolve) => {
      settle = resolve;
    });
    const entry: Entry = {
      query,
      url: this.client.dataPath(path),
      records: [],
      retries: 0,
      outcome: undefined,
      settle,
    };
    this.entries.push(entry);
    this.byPromise.set(promise, entry);
    return promise;
  }

  /** The outcome of a query added to this batch once it is settled; undefined while pages remain to read. */
  settled(query: Promise<QueryOutcome>): QueryOutcome | undefined {
    return this.byPromise.get(query)?.outcome;
  }

  /**
   * Sends composite calls until the given queries are settled (every queued query when none are given).
   * Each call also carries other queued pages while there is room. Throws when a whole call fails for a
   * reason that is not about the queries (session, daily limit, Salesforce unavailable after retries).
   */
  async run(until?: readonly Promise<QueryOutcome>[]): Promise<void> {
    const awaited = until?.map((promise) => this.byPromise.get(promise));
    const waiting = () =>
      awaited ? awaited.some((entry) => entry && !entry.outcome) : this.entries.some((entry) => !entry.outcome);
    while (waiting()) await this.sendOne();
  }

  private async sendOne(): Promise<void> {
    const open = this.entries.filter((entry) => !entry.outcome);
    const tooling = open[0]!.query.tooling;
    const selected = open.filter((entry) => entry.query.tooling === tooling).slice(0, queriesPerComposite);
    const retries = Math.max(...selected.map((entry) => entry.retries));
    if (retries > 0) await sleep(backoff(this.subrequestRetry, retries));
    this.calls++;
    let answer: CompositeAnswer;
    try {
      answer = await this.client.request<CompositeAnswer>(tooling ? 'tooling_composite' : 'composite', {
        method: 'POST',
        url: this.client.dataPath(tooling ? '/tooling/composite' : '/composite'),
        body: {
          allOrNone: false,
          compositeRequest: selected.map((entry, index) => ({
            method: 'GET',
            url: entry.url,
            referenceId: `q${index}`,
          })),
        },
      });
    } catch (error) {
      // A refusal of the whole call (Tooling disabled for the org: every /tooling/ resource answers 403)
      // is the refusal of each query in it; anything else is not the queries' business, least of all our
      // own failures (a connection refused meanwhile, the database), which go up as they are.
      if (!(error instanceof SalesforceError) || !refusesEveryQuery(error)) throw error;
      for (const entry of selected) this.finish(entry, { error });
      return;
    }
    const byReference = new Map(answer.compositeResponse.map((sub) => [sub.referenceId, sub]));
    for (const [index, entry] of selected.entries()) {
      const sub = byReference.get(`q${index}`);
      if (sub?.httpStatusCode === 200) this.takePage(entry, sub.body as QueryPage);
      else this.takeFailure(entry, subrequestError(sub?.body, sub?.httpStatusCode));
    }
  }

  private takePage(entry: Entry, page: QueryPage): void {
    entry.retries = 0;
    for (const record of page.records) entry.records.push(withoutAttributes(record) as SoqlRecord);
    if (page.done || !page.nextRecordsUrl) this.finish(entry, { records: entry.records });
    else entry.url = page.nextRecordsUrl;
  }

  private takeFailure(entry: Entry, error: SalesforceError): void {
    if (error.transient && entry.retries < this.subrequestRetry.retries) entry.retries++;
    else this.finish(entry, { error });
  }

  private finish(entry: Entry, outcome: QueryOutcome): void {
    entry.outcome = outcome;
    entry.settle(outcome);
  }
}

/** Runs the queries through one SoqlBatch and returns their outcomes in order. */
export async function runQueries(client: SalesforceClient, queries: readonly SoqlQuery[]): Promise<QueryOutcome[]> {
  const batch = new SoqlBatch(client);
  const outcomes = queries.map((query) => batch.add(query));
  await batch.run();
  return Promise.all(outcomes);
}

/** The records of an outcome; throws the error Salesforce answered the query with. */
export function recordsOf(outcome: QueryOutcome): SoqlRecord[] {
  if ('error' in outcome) throw outcome.error;
  return outcome.records;
}

function refusesEveryQuery(failure: SalesforceError): boolean {
  return failure.kind === 'permission' || failure.kind === 'invalid' || failure.kind === 'not_found';
}

/** A failed subrequest's body (`[{errorCode, message}]`) as the SalesforceError a plain request would throw. */
function subrequestError(body: unknown, status: number | undefined): SalesforceError {
  const first = (Array.isArray(body) ? body[0] : body) as { errorCode?: unknown; message?: unknown } | undefined;
  const code = typeof first?.errorCode === 'string' ? first.errorCode : `ERROR_HTTP_${status ?? 500}`;
  const message = typeof first?.message === 'string' ? first.message : `Subrequest answered HTTP ${status}`;
  return toSalesforceError(Object.assign(new Error(message), { name: code, errorCode: code }), status);
}

function withoutAttributes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAttributes);
  if (value === null || typeof value !== 'object') return value;
  // A loop, not Object.entries and fromEntries: a crawl strips hundreds of thousands of records, and the
  // arrays of pairs cost a worker a few percent of its CPU, collected as garbage after.
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key !== 'attributes') copy[key] = withoutAttributes((value as Record<string, unknown>)[key]);
  }
  return copy;
}

function backoff(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.minTimeout * 2 ** (attempt - 1), policy.maxTimeout);
  return base / 2 + Math.random() * (base / 2);
}
