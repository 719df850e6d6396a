import type { OrgSummary } from './routes/admin/org-summary.ts';
import { ADMIN_PREFIX } from './routes/admin/admin-prefix.ts';
import type { MutationReport, MutationRequest } from './mutations/mutation-schema.ts';
import type { PlantedLineage } from './org/planted-lineage.ts';
import type { RequestCounters } from './runtime/counters.ts';
import type { Faults } from './runtime/faults.ts';
import type { OAuthSettings } from './runtime/oauth-settings.ts';
import type { OrgShape } from './runtime/org-shape.ts';
import type { OAuthState } from './runtime/org-runtime.ts';

export type {
  Mutation,
  MutationReport,
  MutationRequest,
  NewField,
  RandomMutationOptions,
} from './mutations/mutation-schema.ts';
export type { EdgeDetail, EdgeKind, LineageEdge, NodeId } from './org/lineage-edge.ts';
export type { PlantedLineage } from './org/planted-lineage.ts';
export type { OrgSummary } from './routes/admin/org-summary.ts';
export type { RequestCounters, Faults, OAuthSettings, OAuthState, OrgShape };

/** An admin call that failed: `status` is the HTTP status, undefined when the simulator could not be reached. */
export class SimulatorAdminError extends Error {
  override readonly name = 'SimulatorAdminError';

  constructor(
    message: string,
    readonly status: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Options of SimulatorAdminClient. */
export interface AdminClientOptions {
  /** The simulator's base URL, e.g. http://127.0.0.1:4010. */
  url: string;
  /** The simulator's admin token, when it was started with one. */
  token?: string | undefined;
  /** Per request; regenerating a large org takes seconds. Default 60 s. */
  timeoutMs?: number;
}

/** A typed client of a running simulator's admin API (/__admin); each method is one HTTP call. */
export class SimulatorAdminClient {
  private readonly base: string;

  constructor(private readonly options: AdminClientOptions) {
    this.base = `${options.url.replace(/\/+$/, '')}${ADMIN_PREFIX}`;
  }

  orgs(): Promise<OrgSummary[]> {
    return this.call('GET', '/orgs');
  }

  faults(org: string): Promise<Faults> {
    return this.call('GET', orgPath(org, 'faults'));
  }

  /** Replaces every fault of the org: faults not named are off afterwards. */
  setFaults(org: string, faults: Faults): Promise<Faults> {
    return this.call('PUT', orgPath(org, 'faults'), faults);
  }

  counters(org: string): Promise<RequestCounters> {
    return this.call('GET', orgPath(org, 'counters'));
  }

  /** Zeroes the counters, daily API usage included; answers the zeroes. */
  resetCounters(org: string): Promise<RequestCounters> {
    return this.call('DELETE', orgPath(org, 'counters'));
  }

  /** Invalidates every access token issued so far; refresh tokens keep working. */
  expireSessions(org: string): Promise<OAuthState> {
    return this.call('POST', orgPath(org, 'expire-sessions'));
  }

  /** Revokes every refresh token and the access tokens issued from them. */
  revokeRefreshTokens(org: string): Promise<OAuthState> {
    return this.call('POST', orgPath(org, 'revoke-refresh-tokens'));
  }

  oauth(org: string): Promise<OAuthState> {
    return this.call('GET', orgPath(org, 'oauth'));
  }

  /** Changes the named OAuth settings; the others keep their value. */
  setOAuth(org: string, settings: Partial<OAuthSettings>): Promise<OAuthState> {
    return this.call('PATCH', orgPath(org, 'oauth'), settings);
  }

  /** Regenerates the org's metadata with a new shape; it keeps its name, id, credentials and tokens. */
  setShape(org: string, shape: OrgShape): Promise<OrgSummary> {
    return this.call('PUT', orgPath(org, 'shape'), shape);
  }

  /**
   * Changes the org's metadata in place: the given mutations, or `{random: {seed, count}}`; all or none. Answers
   * the mutations applied and the objects they added, removed and changed.
   */
  mutate(org: string, request: MutationRequest): Promise<MutationReport> {
    return this.call('POST', orgPath(org, 'mutations'), request);
  }

  /** The lineage planted in the org as it is now (org by name or id): the edges a crawl's lineage must hold. */
  lineage(org: string): Promise<PlantedLineage> {
    return this.call('GET', orgPath(org, 'lineage'));
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new SimulatorAdminError(
        `cannot reach the simulator at ${this.options.url}: ${reasonOf(error, timeoutMs)}`,
        undefined,
        { cause: error },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new SimulatorAdminError(
        `${method} ${ADMIN_PREFIX}${path} answered ${response.status}: ${messageOf(text)}`,
        response.status,
      );
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new SimulatorAdminError(
        `${method} ${ADMIN_PREFIX}${path} answered ${response.status} without JSON: ` +
          `is ${this.options.url} a simulator?`,
        response.status,
        { cause: error },
      );
    }
  }
}

const orgPath = (org: string, resource: string) => `/orgs/${encodeURIComponent(org)}/${resource}`;

/** The admin API's `{message}`, or the raw body when something else answered (a proxy, another server). */
function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: show the text itself.
  }
  return text.slice(0, 200) || '(empty body)';
}

/** Why fetch failed, in a word: undici hides the network error code in `cause`. */
function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
