import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPool, withTransaction } from './database.ts';
import { DatabaseUnavailableError } from './database-unavailable-error.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';

describe('withTransaction', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  beforeAll(async () => {
    database = await createCatalogDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('commits, and rolls back when the work throws', async () => {
    await database.pool.query('CREATE TABLE tx_probe (n integer)');
    await withTransaction(database.pool, (client) => client.query('INSERT INTO tx_probe VALUES (1)'));
    await expect(
      withTransaction(database.pool, async (client) => {
        await client.query('INSERT INTO tx_probe VALUES (2)');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect((await database.pool.query('SELECT n FROM tx_probe')).rows).toEqual([{ n: 1 }]);
  });

  it('fails the work, without an uncaught error, when the server ends the connection mid-transaction', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const outcome = withTransaction(database.pool, async (client) => {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // What a database restart does to a checked-out client: the server closes its session.
        await database.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await client.query('SELECT 1');
      });
      await expect(outcome).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      // The broken client was not handed back to the pool: the next query works.
      expect((await database.pool.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      process.off('uncaughtException', record);
    }
  });

  it('tells an unavailable database from a wrong statement, by type', async () => {
    const unreachable = createPool('postgres://postgres@127.0.0.1:1/none');
    try {
      await expect(unreachable.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(withTransaction(unreachable, async () => {})).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await unreachable.end();
    }
    const wrong = await database.pool.query('SELEC 1').catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(pg.DatabaseError);
    expect(wrong).toMatchObject({ code: '42601' });
    const timedOut = await withTransaction(database.pool, async (client) => {
      await client.query("SET LOCAL statement_timeout = '10ms'");
      await client.query('SELECT pg_sleep(1)');
    }).catch((error: unknown) => error);
    expect(timedOut).toBeInstanceOf(DatabaseUnavailableError);
  });
});
