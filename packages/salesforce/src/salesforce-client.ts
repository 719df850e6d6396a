import { Connection } from 'jsforce';
import pRetry, { AbortError } from 'p-retry';
import type { Metrics } from '@sfmeta/metrics/metrics';
import { ResponseCapture, type ApiUsage } from './response-capture.ts';
import type { ReleaseSlot, RequestSlots } from './request-slots.ts';
import { defaultRetryPolicy, retryOptions, type RetryPolicy } from './retry-policy.ts';
import { SalesforceError, toSalesforceError } from './salesforce-error.ts';
import type { Session, SessionSource } from './session.ts';

/** Kinds of request, as labels on metrics. */
export type RequestKind =
  | 'describe_global'
  | 'describe'
  | 'composite'
  | 'tooling_composite'
  | 'identity'
  | 'limits'
  | 'record_count'
  | 'query'
  | 'tooling_query'
  | 'report_describe'
  | 'dashboard_describe';

export interface SalesforceRequest {
  method?: 'GET' | 'POST';
  /** A path from the instance root (`/services/data/...`) or an absolute URL. */
  url: string;
  body?: unknown;
  /** Extra request headers, e.g. If-Modified-Since. */
  headers?: Record<string, string>;
}

/** An answer with its HTTP status: 304 Not Modified comes with an empty body. */
export interface SalesforceAnswer<T> {
  status: number;
  body: T;
}

export type SalesforceMetrics = Pick<
  Metrics,
  'salesforceRequests' | 'salesforceRequestDuration' | 'salesforceApiUsed' | 'salesforceApiMax' | 'orgRequestSlotWait'
>;

export interface SalesforceClientOptions {
  sessions: SessionSource;
  apiVersion: string;
  orgId?: string;
  metrics?: SalesforceMetrics;
  retry?: RetryPolicy;
  /**
   * New sessions asked for within one request before giving up (a 401 that outlives a login).
   * Per request, not per client: a storm of expiries across many requests is not a refusal.
   */
  maxSessionRenewals?: number;
  /** Pause before the n-th renewal of one request (n from 1): backs off when sessions keep dying. */
  renewalDelayMs?: (renewal: number) => number;
  /**
   * Called before each HTTP request to the org's API, retries included, so the caller can
   * record the call before it is made: a crash then loses no call from the count.
   */
  beforeRequest?: () => Promise<void>;
  timeoutMs?: number;
  /**
   * The share of the org's daily API limit (0..1) past which this client stops sending, so that
   * the org's other integrations keep theirs. Known from the last `Sforce-Limit-Info` seen.
   */
  apiBudget?: number;
  /**
   * Limits the requests in flight to the org (across every worker, with leases in Redis): each HTTP request,
   * each retry its own, takes a slot just before it is sent and frees it once answered. Backoff pauses and
   * session renewals hold none. Without it requests are sent at once.
   */
  requestSlots?: RequestSlots;
}

/** Options without a default. */
type OptionalOption = 'metrics' | 'orgId' | 'beforeRequest' | 'requestSlots';

/** Wraps what our own side threw (session source, call recorder), so it is not mistaken for a Salesforce answer. */
class LocalFailure extends Error {
  override readonly name = 'LocalFailure';
}

async function local<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new LocalFailure('A local dependency of the Salesforce client failed', { cause: error });
  }
}

/** 100 ms, 200 ms, 400 ms… up to 3.2 s, with jitter, so renewals spread out instead of racing. */
function defaultRenewalDelay(renewal: number): number {
  const base = Math.min(100 * 2 ** (renewal - 1), 3200);
  return base / 2 + Math.random() * (base / 2);
}

/**
 * Talks to one org through jsforce. Transient failures retry with backoff (jsforce's own retries
 * are off, so the two never multiply); an invalid session is renewed a bounded number of times.
 */
export class SalesforceClient {
  /** HTTP requests sent to the org's API so far, retries included. */
  requestsSent = 0;
  /** The org's API usage from the last response that reported it. */
  apiUsage: ApiUsage | undefined;
  private connection: { session: Session; conn: Connection } | undefined;
  private readonly options: Required<Omit<SalesforceClientOptions, OptionalOption>> &
    Pick<SalesforceClientOptions, OptionalOption>;

  constructor(options: SalesforceClientOptions) {
    this.options = {
      retry: defaultRetryPolicy,
      maxSessionRenewals: 5,
      renewalDelayMs: defaultRenewalDelay,
      timeoutMs: 120_000,
      apiBudget: 1,
      ...options,
    };
  }

  /** `/services/data/vNN.0` + path. */
  dataPath(path: string): string {
    return `/services/data/v${this.options.apiVersion}${path}`;
  }

  /** Sends a request, retrying what is worth retrying; throws SalesforceError. */
  async request<T>(kind: RequestKind, request: SalesforceRequest): Promise<T> {
    return (await this.exchange<T>(kind, request)).body;
  }

  /** Like `request`, with the answer's status, for conditional requests (304 Not Modified). */
  async exchange<T>(kind: RequestKind, request: SalesforceRequest): Promise<SalesforceAnswer<T>> {
    const stopTimer = this.options.metrics?.salesforceRequestDuration.startTimer({ kind });
    try {
      return await pRetry(async () => {
        try {
          return await this.sendWithSession<T>(kind, request);
        } catch (error) {
          // Session failures already had their own retries, and database or Redis errors are
          // not Salesforce's: both go up as they are, for the job to decide.
          if (error instanceof LocalFailure) throw new AbortError(error.cause as Error);
          const failure = toSalesforceError(error);
          throw failure.transient ? failure : new AbortError(failure);
        }
      }, retryOptions(this.options.retry));
    } finally {
      stopTimer?.();
    }
  }

  private async sendWithSession<T>(kind: RequestKind, request: SalesforceRequest): Promise<SalesforceAnswer<T>> {
    for (let renewals = 0; ; renewals++) {
      const session = this.connection?.session ?? (await local(() => this.options.sessions.current()));
      try {
        return await this.send<T>(kind, session, request);
      } catch (error) {
        if (!(error instanceof SalesforceError) || error.kind !== 'session') throw error;
        if (renewals >= this.options.maxSessionRenewals) {
          // Every renewal succeeded, yet other requests kept outliving the new sessions: that is
          // not a refusal of the credentials (the token endpoint would have said so), so it is
          // transient, retried with backoff, and never marks the connection refused.
          throw new SalesforceError(
            'SESSION_RENEWAL_EXHAUSTED',
            `Salesforce rejected ${renewals + 1} sessions in a row for one request, although each renewal succeeded`,
            'transient',
            { status: error.status, cause: error },
          );
        }
        this.connection = undefined;
        if (renewals > 0) await new Promise((resolve) => setTimeout(resolve, this.options.renewalDelayMs(renewals)));
        await local(() => this.options.sessions.renew(session));
      }
    }
  }

  private async send<T>(kind: RequestKind, session: Session, request: SalesforceRequest): Promise<SalesforceAnswer<T>> {
    this.checkBudget();
    const release = await this.takeSlot();
    try {
      return await this.sendNow<T>(kind, session, request);
    } finally {
      await release?.();
    }
  }

  /** A slot for one request, when the org's requests are limited; the wait is measured. */
  private async takeSlot(): Promise<ReleaseSlot | undefined> {
    const { requestSlots, metrics } = this.options;
    if (!requestSlots) return undefined;
    const stopTimer = metrics?.orgRequestSlotWait.startTimer();
    const release = await local(() => requestSlots.acquire());
    stopTimer?.();
    return release;
  }

  private async sendNow<T>(
    kind: RequestKind,
    session: Session,
    request: SalesforceRequest,
  ): Promise<SalesforceAnswer<T>> {
    const capture = new ResponseCapture();
    if (this.options.beforeRequest) await local(this.options.beforeRequest);
    this.requestsSent++;
    try {
      // `connection: close` on every request: jsforce up to 3.10.16 reads responses through
      // node-fetch 2, which hangs forever on a reused keep-alive socket under Node 22.23 and 24.17
      // (jsforce issue 1806), and Node's default agent keeps sockets alive since Node 19. jsforce
      // takes no agent of ours (only a proxy URL), so the header is the lever we have; a new
      // connection per request costs a handshake, little next to a describe of 25 objects.
      // A new object each time: jsforce adds the Authorization header to the one it is given.
      const body = await this.connectionFor(session).request<T>(
        {
          method: request.method ?? 'GET',
          url: request.url,
          ...(request.body === undefined
            ? { headers: { ...request.headers, connection: 'close' } }
            : {
                body: JSON.stringify(request.body),
                headers: { ...request.headers, connection: 'close', 'content-type': 'application/json' },
              }),
        },
        { transport: capture, retry: { maxRetries: 0 }, timeout: this.options.timeoutMs },
      );
      this.observe(kind, capture, String(capture.status ?? 200));
      return { status: capture.status ?? 200, body };
    } catch (error) {
      const failure = toSalesforceError(error, capture.status);
      this.observe(kind, capture, capture.status === undefined ? failure.code : String(capture.status));
      throw failure;
    }
  }

  private checkBudget(): void {
    if (!this.apiUsage || this.options.apiBudget >= 1) return;
    const allowed = Math.floor(this.apiUsage.max * this.options.apiBudget);
    if (this.apiUsage.used < allowed) return;
    throw new SalesforceError(
      'API_BUDGET_EXHAUSTED',
      `The org has used ${this.apiUsage.used} of ${this.apiUsage.max} daily API requests; ` +
        `sfmeta stops at ${allowed} to leave the rest to other integrations`,
      'limit',
    );
  }

  private connectionFor(session: Session): Connection {
    if (this.connection?.session !== session) {
      this.connection = {
        session,
        conn: new Connection({
          instanceUrl: session.instanceUrl,
          accessToken: session.accessToken,
          version: this.options.apiVersion,
        }),
      };
    }
    return this.connection.conn;
  }

  private observe(kind: RequestKind, capture: ResponseCapture, status: string): void {
    const { metrics, orgId } = this.options;
    metrics?.salesforceRequests.inc({ kind, status });
    if (!capture.apiUsage) return;
    this.apiUsage = capture.apiUsage;
    if (metrics && orgId) {
      metrics.salesforceApiUsed.set({ org_id: orgId }, capture.apiUsage.used);
      metrics.salesforceApiMax.set({ org_id: orgId }, capture.apiUsage.max);
    }
  }
}
