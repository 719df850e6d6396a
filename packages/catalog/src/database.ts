import pg from 'pg';
import { toDatabaseError } from './database-unavailable-error.ts';

/** Tuning for createPool; the defaults suit one API or worker process. */
export interface PoolOptions {
  /** Shows up in pg_stat_activity, which tells the API and worker connections apart. */
  applicationName?: string;
  max?: number;
  statementTimeoutMs?: number;
  /**
   * Called when an idle pooled client fails (database restart, network loss). pg drops that
   * client by itself; without a listener the 'error' event would crash the process.
   */
  onError?: (error: Error) => void;
}

/** A lazily connecting pool: nothing is opened until the first query. */
export function createPool(databaseUrl: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    application_name: options.applicationName ?? 'sfmeta',
    max: options.max ?? 10,
    // Bounded waits: a stuck query or an exhausted pool fails the job instead of hanging it.
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', options.onError ?? (() => {}));
  // Every query's failure says whose it is: DatabaseUnavailableError when the server is unreachable.
  failQueriesByType(pool);
  pool.on('connect', (client) => failQueriesByType(client));
  return pool;
}

/** Makes `target.query` reject with toDatabaseError's answer; promise-style calls only, as sfmeta makes. */
function failQueriesByType(target: { query: pg.Pool['query'] }): void {
  const query = target.query.bind(target) as (...args: unknown[]) => unknown;
  target.query = ((...args: unknown[]) => {
    const result = query(...args);
    return result instanceof Promise
      ? result.catch((error: unknown) => Promise.reject(toDatabaseError(error)))
      : result;
  }) as pg.Pool['query'];
}

/**
 * Runs `work` in a transaction on one pooled client. pg-pool only listens for errors on idle
 * clients: a checked-out client that loses its server (a database restart) emits 'error' with
 * nobody listening, which crashes the process. The listener here keeps that error for the
 * caller, whose query fails with it too, and the client is destroyed rather than reused.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect().catch((error: unknown) => Promise.reject(toDatabaseError(error)));
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken ?? false);
  }
}
