import type { FastifyInstance } from 'fastify';
import type { RunRef } from '@sfmeta/catalog/object-history';
import type { LatestCatalog } from '@sfmeta/catalog/run-store';
import { AppError } from './app-error.ts';

type Deps = Pick<FastifyInstance, 'stores'>;

/**
 * The catalog to read: the given succeeded run of the connection, or its latest. Throws NOT_FOUND
 * for an unknown connection or run, NO_CATALOG when nothing succeeded yet.
 */
export async function catalogFor(deps: Deps, connectionId: string, runId?: string): Promise<LatestCatalog> {
  const { runs, connections } = deps.stores;
  const catalog = runId ? await runs.catalogOf(connectionId, runId) : await runs.latestCatalog(connectionId);
  if (catalog) return catalog;
  if (!(await connections.get(connectionId)))
    throw new AppError('NOT_FOUND', `connection ${connectionId} does not exist`);
  if (runId) throw new AppError('NOT_FOUND', `extraction ${runId} is not a succeeded extraction of this connection`);
  throw new AppError('NO_CATALOG', `connection ${connectionId} has no completed extraction yet`);
}

/** Every succeeded run of a connection that retention kept, for history. */
export async function succeededRuns(deps: Deps, connectionId: string): Promise<RunRef[]> {
  const catalogs = await deps.stores.runs.succeededBefore(connectionId, Number.MAX_SAFE_INTEGER, 100_000);
  return catalogs.map(({ runId, seq, extractedAt }) => ({ runId, seq, extractedAt }));
}
