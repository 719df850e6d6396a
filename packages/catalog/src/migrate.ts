import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PG_MIGRATE_LOCK_ID, runner } from 'node-pg-migrate';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Applies every pending migration in packages/catalog/migrations, all in one transaction; with
 * `count`, only that many of them (tests of a migration load data into the schema before it).
 * Safe to call from several processes at start-up: callers queue on an advisory lock.
 */
export async function migrate(
  databaseUrl: string,
  log: (msg: string) => void = () => {},
  options: { count?: number } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'sfmeta-migrate' });
  // A server that goes away mid-migration fails the query in hand; unheard, the 'error' event would crash the process.
  client.on('error', (error) => log(`database connection lost: ${error.message}`));
  await client.connect();
  try {
    // node-pg-migrate's own lock is pg_try_advisory_lock, which makes a second process fail with
    // "Another migration is already running". Waiting on the same lock id instead lets it find
    // the work done, and still keeps the node-pg-migrate CLI out while we hold it.
    await client.query('SELECT pg_advisory_lock($1)', [String(PG_MIGRATE_LOCK_ID)]);
    await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      migrationsTable: 'pgmigrations',
      direction: 'up',
      singleTransaction: true,
      checkOrder: true,
      noLock: true,
      log,
      ...(options.count === undefined ? {} : { count: options.count }),
    });
  } finally {
    // Ending the session releases the advisory lock even if the unlock query cannot run.
    await client.end();
  }
}
