import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database of its own for one test file, dropped when done. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database next to the one that `serverUrl` points at. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `sfmeta_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
