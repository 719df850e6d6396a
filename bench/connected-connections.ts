import type pg from 'pg';
import type { Config } from '@sfmeta/config/config';
import { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { createSecretBox } from '@sfmeta/catalog/secret-box';

/**
 * Creates `count` connected password connections straight in the catalog database, without logging in
 * anywhere: one through the ConnectionStore (sealed with the API's keys, marked connected as the
 * connect job would), then copies of its row, each with an id of its own. Their ids, in creation order.
 */
export async function createConnectedConnections(pool: pg.Pool, config: Config, count: number): Promise<string[]> {
  const store = new ConnectionStore(pool, createSecretBox(config.encryptionKeys));
  const first = await store.create({
    host: 'https://bench.my.salesforce.com',
    authType: 'password',
    consumerKey: 'bench-consumer-key',
    consumerSecret: 'bench-consumer-secret',
    username: 'bench@example.com',
    password: 'bench-password',
  });
  await store.markConnected(first.id, {
    orgId: '00D000000000001AAA',
    userId: '005000000000001AAA',
    instanceUrl: 'https://bench.my.salesforce.com',
    accessToken: 'bench-access-token',
  });
  // Every column but the id is copied, whatever the migrations have added.
  const { rows: columns } = await pool.query<{ name: string }>(
    `SELECT quote_ident(column_name) AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'connections' AND column_name <> 'id'`,
  );
  const list = columns.map((column) => column.name).join(', ');
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO connections (${list})
     SELECT ${list} FROM connections, generate_series(2, $2) WHERE id = $1
     RETURNING id`,
    [first.id, count],
  );
  return [first.id, ...rows.map((row) => row.id)];
}
