import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionStore } from './connection-store.ts';
import { createPool } from './database.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { OAuthStateStore } from './oauth-state-store.ts';
import { RunStore } from './run-store.ts';
import { ENCRYPTED_COLUMNS, reencryptAll } from './reencrypt.ts';
import { createSecretBox, type SecretBox } from './secret-box.ts';
import { WebhookStore } from './webhook-store.ts';

const keyA = { id: 'A', key: randomBytes(32) };
const keyB = { id: 'B', key: randomBytes(32) };
const boxA = createSecretBox([keyA]);
const boxBA = createSecretBox([keyB, keyA]);
const boxB = createSecretBox([keyB]);

const session = { orgId: '00D000000000001', userId: '005000000000001', instanceUrl: 'https://na1.salesforce.com' };
const grant = { code: 'code-1', codeVerifier: 'verifier-1', redirectUri: 'https://app/cb' };

type Database = Awaited<ReturnType<typeof createCatalogDatabase>>;

/** Password and OAuth connections with every kind of secret, an authorization code and a state, all under `box`. */
async function seed(pool: pg.Pool, box: SecretBox, count: number) {
  const connections = new ConnectionStore(pool, box);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await connections.create({
      host: 'login.salesforce.com',
      authType: 'password',
      consumerKey: 'k',
      consumerSecret: `consumer-secret-${i}`,
      username: `user${i}@acme.example`,
      password: `password-${i}`,
      securityToken: `token-${i}`,
    });
    await connections.markConnected(id, { ...session, accessToken: `access-${i}`, refreshToken: `refresh-${i}` });
    ids.push(id);
  }
  const oauth = await connections.create({
    host: 'login.salesforce.com',
    authType: 'oauth',
    consumerKey: 'k',
    consumerSecret: 'oauth-secret',
  });
  await connections.saveAuthorizationCode(oauth.id, grant);
  await new OAuthStateStore(pool, box).create({
    connectionId: oauth.id,
    state: 'the-state',
    codeVerifier: 'state-verifier',
    redirectUri: grant.redirectUri,
    expiresAt: new Date(Date.now() + 600_000),
  });
  return { ids, oauthId: oauth.id };
}

async function sealedValues(pool: pg.Pool): Promise<string[]> {
  const values: string[] = [];
  for (const { table, columns } of ENCRYPTED_COLUMNS) {
    for (const column of columns) {
      const { rows } = await pool.query(`SELECT ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`);
      values.push(...rows.map((row) => row.value as string));
    }
  }
  return values;
}

describe('reencryptAll', () => {
  const databases: Database[] = [];
  const pools: pg.Pool[] = [];
  const freshDatabase = async () => {
    const database = await createCatalogDatabase();
    databases.push(database);
    return database;
  };

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await Promise.all(databases.splice(0).map((database) => database.close()));
  });

  it('knows every encrypted column of the schema', async () => {
    const { pool } = await freshDatabase();
    const { rows } = await pool.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name LIKE '%\\_enc' ORDER BY 1`,
    );
    const listed = ENCRYPTED_COLUMNS.flatMap(({ table, columns }) => columns.map((column) => `${table}.${column}`));
    expect(rows.map((row) => row.name)).toEqual([...listed].sort());
  });

  it('re-seals everything under the newest key, after which the old key can go', async () => {
    const { pool } = await freshDatabase();
    const { ids, oauthId } = await seed(pool, boxA, 5);
    const before = await sealedValues(pool);
    // 5 × (secret, password, token, access, refresh) + OAuth secret, code, verifier + state verifier.
    expect(before).toHaveLength(29);
    expect(before.every((value) => value.startsWith('v1.A.'))).toBe(true);

    // Both keys configured, nothing re-encrypted yet: old values still open.
    const rotated = new ConnectionStore(pool, boxBA);
    expect(await rotated.secrets(ids[0] as string)).toMatchObject({
      consumerSecret: 'consumer-secret-0',
      refreshToken: 'refresh-0',
    });
    expect(before.map((value) => boxBA.open(value))).toEqual(before.map((value) => boxA.open(value)));

    expect(await reencryptAll(pool, boxBA, { batchSize: 2 })).toEqual({ scanned: 29, rewritten: 29 });
    const after = await sealedValues(pool);
    expect(after.filter((value) => !value.startsWith('v1.B.'))).toEqual([]);
    expect(after.map((value) => boxB.open(value)).sort()).toEqual(before.map((value) => boxA.open(value)).sort());

    expect(await reencryptAll(pool, boxBA, { batchSize: 2 })).toEqual({ scanned: 29, rewritten: 0 });

    // Key A removed: everything still reads through the stores.
    const onlyB = new ConnectionStore(pool, boxB);
    for (const [i, id] of ids.entries()) {
      expect(await onlyB.secrets(id)).toMatchObject({
        consumerSecret: `consumer-secret-${i}`,
        password: `password-${i}`,
        securityToken: `token-${i}`,
        accessToken: `access-${i}`,
        refreshToken: `refresh-${i}`,
      });
    }
    expect(await onlyB.takeAuthorizationCode(oauthId)).toEqual(grant);
    expect(await new OAuthStateStore(pool, boxB).consume('the-state')).toMatchObject({
      codeVerifier: 'state-verifier',
    });
  });

  it('re-seals webhook signing secrets too', async () => {
    const { pool } = await freshDatabase();
    const { ids } = await seed(pool, boxA, 1);
    const connectionId = ids[0] as string;
    const webhook = await new WebhookStore(pool, boxA).create({
      connectionId,
      url: 'https://hooks.example.com/in',
      events: ['extraction.succeeded'],
      secret: 'whsec_webhook-secret',
    });
    const [deliveryId] = await new WebhookStore(pool, boxA).createDeliveries(
      connectionId,
      (await new RunStore(pool).startOrGetActive(connectionId)).run.id,
      [{ event: 'extraction.succeeded', payload: {} }],
    );

    expect(await reencryptAll(pool, boxBA)).toEqual({ scanned: 10, rewritten: 10 });
    const { rows } = await pool.query('SELECT secret_enc FROM webhooks WHERE id = $1', [webhook.id]);
    expect(rows[0].secret_enc).toMatch(/^v1\.B\./);
    expect(await new WebhookStore(pool, boxB).outgoing(deliveryId as string)).toMatchObject({
      secret: 'whsec_webhook-secret',
    });
  });

  it('never overwrites a value that changed while it ran', async () => {
    const database = await freshDatabase();
    const { ids } = await seed(database.pool, boxA, 3);
    const target = ids[1] as string;
    const applicationName = 'sfmeta-reencrypt-under-test';
    const reencryptPool = createPool(database.url, { applicationName, max: 1 });
    pools.push(reencryptPool);

    // A worker still on the old key list refreshes the token, and holds its row lock until we let it commit.
    const refresher = await database.pool.connect();
    let running: Promise<unknown> | undefined;
    try {
      await refresher.query('BEGIN');
      await refresher.query('UPDATE connections SET access_token_enc = $2 WHERE id = $1', [
        target,
        boxA.seal('refreshed'),
      ]);
      running = reencryptAll(reencryptPool, boxBA);
      // reencryptAll has read the old token and now waits for the lock on that row.
      await waitFor(async () => {
        const { rows } = await database.pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [applicationName],
        );
        return rows.length > 0;
      });
      await refresher.query('COMMIT');
    } catch (error) {
      await refresher.query('ROLLBACK');
      throw error;
    } finally {
      refresher.release();
    }
    const total = 3 * 5 + 4;
    expect(await running).toEqual({ scanned: total, rewritten: total - 1 });
    const store = new ConnectionStore(database.pool, boxBA);
    expect(await store.secrets(target)).toMatchObject({
      accessToken: 'refreshed',
      consumerSecret: 'consumer-secret-1',
    });

    // The refresher sealed with key A; the next run picks that value up.
    expect(await reencryptAll(reencryptPool, boxBA)).toEqual({ scanned: total, rewritten: 1 });
    expect((await sealedValues(database.pool)).every((value) => value.startsWith('v1.B.'))).toBe(true);
    expect(await new ConnectionStore(database.pool, boxB).secrets(target)).toMatchObject({ accessToken: 'refreshed' });
  });

  it('names the column it cannot decrypt, without any secret', async () => {
    const { pool } = await freshDatabase();
    await seed(pool, boxA, 1);
    const error = await reencryptAll(pool, boxB).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/connections\.consumer_secret_enc .*no encryption key with id "A"/);
    expect((error as Error).message).not.toContain('consumer-secret-0');
    expect(await sealedValues(pool)).not.toContainEqual(expect.stringMatching(/^v1\.B\./));
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met within 5 s');
}
