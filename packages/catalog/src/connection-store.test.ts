import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { createSecretBox } from './secret-box.ts';
import { StoreError } from './store-error.ts';

const box = createSecretBox([{ id: 'test', key: randomBytes(32) }]);

const input = {
  host: 'acme.my.salesforce.com',
  authType: 'password' as const,
  consumerKey: '3MVG9-consumer-key',
  consumerSecret: 'consumer-secret-7f3a',
  username: 'admin@acme.example',
  password: 'hunter2-password',
  securityToken: 'TOKEN-aa11bb22',
};

describe('ConnectionStore', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let store: ConnectionStore;

  beforeAll(async () => {
    database = await createCatalogDatabase();
    store = new ConnectionStore(database.pool, box);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('creates a pending connection and reads it back without secrets', async () => {
    const created = await store.create(input);
    expect(created).toMatchObject({
      host: input.host,
      authType: 'password',
      consumerKey: input.consumerKey,
      username: input.username,
      status: 'pending',
      statusCode: null,
      statusMessage: null,
      orgId: null,
      userId: null,
      instanceUrl: null,
      connectedAt: null,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(Object.keys(created).join()).not.toMatch(/secret|password|token/i);
    expect(await store.get(created.id)).toEqual(created);
  });

  it('decrypts the secrets it stored', async () => {
    const { id } = await store.create(input);
    expect(await store.secrets(id)).toEqual({
      consumerSecret: input.consumerSecret,
      password: input.password,
      securityToken: input.securityToken,
      accessToken: null,
      refreshToken: null,
    });
  });

  it('never stores a secret in clear text', async () => {
    const { id } = await store.create(input);
    await store.markConnected(id, {
      orgId: '00D000000000001',
      userId: '005000000000001',
      instanceUrl: 'https://acme.my.salesforce.com',
      accessToken: '00D!access-token-xyz',
    });
    const { rows } = await database.pool.query('SELECT * FROM connections WHERE id = $1', [id]);
    const raw = JSON.stringify(rows[0]);
    for (const secret of [input.consumerSecret, input.password, input.securityToken, '00D!access-token-xyz']) {
      expect(raw).not.toContain(secret);
    }
    expect(rows[0].password_enc).toMatch(/^v1\.test\./);
    expect(rows[0].access_token_enc).toMatch(/^v1\.test\./);
  });

  it('lists newest first and deletes', async () => {
    const first = await store.create({ ...input, host: 'first.my.salesforce.com' });
    const second = await store.create({ ...input, host: 'second.my.salesforce.com' });
    const ids = (await store.list()).map((c) => c.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));

    expect(await store.delete(first.id)).toBe(true);
    expect(await store.delete(first.id)).toBe(false);
    expect(await store.get(first.id)).toBeUndefined();
    expect(await store.secrets(first.id)).toBeUndefined();
    expect((await store.list()).map((c) => c.id)).not.toContain(first.id);
  });

  it('treats ids that are not uuids as unknown instead of failing in PostgreSQL', async () => {
    for (const id of ['nope', '', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g']) {
      expect(await store.get(id)).toBeUndefined();
      expect(await store.secrets(id)).toBeUndefined();
      expect(await store.delete(id)).toBe(false);
      await expect(store.markFailed(id, 'x', 'y')).resolves.toBeUndefined();
    }
    expect(await store.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('records connection success, failure and session refresh', async () => {
    const { id } = await store.create({ ...input, securityToken: null });
    await store.markFailed(id, 'invalid_grant', 'authentication failure');
    expect(await store.get(id)).toMatchObject({
      status: 'failed',
      statusCode: 'invalid_grant',
      statusMessage: 'authentication failure',
    });

    await store.markConnected(id, {
      orgId: '00D000000000001',
      userId: '005000000000001',
      instanceUrl: 'https://na1.salesforce.com',
      accessToken: 'first-token',
    });
    const connected = await store.get(id);
    expect(connected).toMatchObject({
      status: 'connected',
      statusCode: null,
      statusMessage: null,
      orgId: '00D000000000001',
      userId: '005000000000001',
      instanceUrl: 'https://na1.salesforce.com',
    });
    expect(connected?.connectedAt).toBeInstanceOf(Date);

    await store.saveSession(id, { accessToken: 'second-token', instanceUrl: 'https://na2.salesforce.com' });
    expect(await store.get(id)).toMatchObject({ status: 'connected', instanceUrl: 'https://na2.salesforce.com' });
    expect(await store.secrets(id)).toMatchObject({ accessToken: 'second-token', securityToken: null });
  });

  it('refuses a password connection without username or password', async () => {
    await expect(store.create({ ...input, password: undefined })).rejects.toMatchObject({
      name: 'StoreError',
      code: 'INVALID_INPUT',
    });
    await expect(store.create({ ...input, username: null })).rejects.toBeInstanceOf(StoreError);
  });

  it('accepts an OAuth connection without user credentials', async () => {
    const created = await store.create({
      host: 'login.salesforce.com',
      authType: 'oauth',
      consumerKey: 'key',
      consumerSecret: 'secret',
    });
    expect(created).toMatchObject({ authType: 'oauth', username: null, status: 'pending' });
    expect(await store.secrets(created.id)).toMatchObject({ consumerSecret: 'secret', password: null });
  });
});
