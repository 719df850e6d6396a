import { loginWithPassword, type PasswordCredentials } from '@sfmeta/salesforce/password-login';
import {
  type DependencyPlan,
  dependencyRowCap,
  fetchComponentDependencies,
} from '@sfmeta/salesforce/component-dependencies';
import {
  type RequestKind,
  type SalesforceAnswer,
  SalesforceClient,
  type SalesforceRequest,
} from '@sfmeta/salesforce/salesforce-client';

/** One MetadataComponentDependency query as the replay saw it sent and answered. */
export interface DependencyQuery {
  /** The component type it asks about (ApexClass, ApexTrigger, Flow, CustomField). */
  componentType: string;
  /** Whether it names component ids: a slice of a query that was cut at the row cap. */
  byId: boolean;
  rows: number;
}

/** What reading MetadataComponentDependency cost: calls, queries and the rows they answered. */
export interface DependencyReplay {
  toolingComposites: number;
  queries: DependencyQuery[];
  /** Rows kept: the answers under the cap (a capped answer is asked again in slices). */
  rowsKept: number;
  /** Queries answered with the cap that could not be split further. */
  truncated: string[];
}

interface CompositeBody {
  compositeRequest?: { url: string }[];
}
interface CompositeAnswer {
  compositeResponse?: { httpStatusCode: number; body: { records?: unknown[] } }[];
}

/** A SalesforceClient that records each query of its Tooling composite calls and the rows answered to it. */
class RecordingClient extends SalesforceClient {
  readonly composites: { soql: string; rows: number }[][] = [];

  override async exchange<T>(kind: RequestKind, request: SalesforceRequest): Promise<SalesforceAnswer<T>> {
    const answer = await super.exchange<T>(kind, request);
    if (kind === 'tooling_composite') {
      const sent = (request.body as CompositeBody).compositeRequest ?? [];
      const answered = (answer.body as CompositeAnswer).compositeResponse ?? [];
      this.composites.push(
        sent.map((sub, index) => ({
          soql: decodeURIComponent(new URL(sub.url, 'http://x').searchParams.get('q') ?? ''),
          rows: answered[index]?.body?.records?.length ?? 0,
        })),
      );
    }
    return answer;
  }
}

/**
 * Reads MetadataComponentDependency the way the worker does (`fetchComponentDependencies`, same plan), from the
 * bench, with every Tooling composite call and each query's rows recorded: the worker does not log them.
 */
export async function replayDependencies(
  credentials: PasswordCredentials,
  plan: DependencyPlan,
  apiVersion: string,
): Promise<DependencyReplay> {
  const login = async () => {
    const grant = await loginWithPassword(credentials);
    return { accessToken: grant.accessToken, instanceUrl: grant.instanceUrl };
  };
  let session = await login();
  const client = new RecordingClient({
    sessions: {
      current: async () => session,
      renew: async () => {
        session = await login();
        return session;
      },
    },
    apiVersion,
  });
  const result = await fetchComponentDependencies(client, plan);
  return {
    toolingComposites: client.composites.length,
    queries: client.composites.flat().map(({ soql, rows }) => ({
      componentType: soql.match(/MetadataComponentType = '(\w+)'/)?.[1] ?? '?',
      byId: soql.includes('MetadataComponentId ='),
      rows,
    })),
    rowsKept: result.rows.length,
    truncated: result.truncated,
  };
}

/** Queries answered with the row cap: each was asked again in slices (or, when it could not be, truncated). */
export const cappedQueries = (replay: DependencyReplay) =>
  replay.queries.filter((query) => query.rows >= dependencyRowCap);
