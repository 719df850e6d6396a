import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestDatabase, type TestDatabase } from '@sfmeta/testing/test-database';
import { migrate } from './migrate.ts';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  let sequential: TestDatabase;
  let concurrent: TestDatabase;

  beforeAll(async () => {
    [sequential, concurrent] = await Promise.all([
      createTestDatabase(serviceUrls().databaseUrl),
      createTestDatabase(serviceUrls().databaseUrl),
    ]);
  });

  afterAll(async () => {
    await Promise.all([sequential?.drop(), concurrent?.drop()]);
  });

  it('creates the schema, and a second call finds nothing to do', async () => {
    const messages: string[] = [];
    await migrate(sequential.url, (msg) => messages.push(msg));
    await migrate(sequential.url, (msg) => messages.push(msg));
    expect(messages.join('\n')).toContain('No migrations to run!');

    const tables = await query<{ table_name: string }>(
      sequential.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'catalog_fields',
      'catalog_objects',
      'connections',
      'extraction_runs',
      'oauth_states',
      'pgmigrations',
      'run_vanished_objects',
    ]);
    const applied = await query<{ name: string }>(sequential.url, 'SELECT name FROM pgmigrations');
    expect(applied.map((m) => m.name)).toEqual([
      '1764374400000_initial-catalog',
      '1764460800000_oauth-web-server-flow',
      '1764547200000_run-completeness',
    ]);
  });

  it('lets several processes migrate at once: the others wait, then find the work done', async () => {
    await Promise.all([migrate(concurrent.url), migrate(concurrent.url), migrate(concurrent.url)]);
    const applied = await query<{ count: string }>(concurrent.url, 'SELECT count(*) FROM pgmigrations');
    expect(applied[0]?.count).toBe('3');
  });
});
