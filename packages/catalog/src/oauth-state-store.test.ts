import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { OAuthStateStore } from './oauth-state-store.ts';
import { createSecretBox } from './secret-box.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';

const box = createSecretBox([{ id: 'test', key: randomBytes(32) }]);
const redirectUri = 'https://sfmeta.example/api/v1/oauth/callback';
const inTenMinutes = () => new Date(Date.now() + 10 * 60_000);
const randomState = () => randomBytes(32).toString('base64url');

describe('OAuthStateStore', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let states: OAuthStateStore;

  const newConnection = () => createOAuthConnection(connections, 'login.salesforce.com');

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, box);
    states = new OAuthStateStore(database.pool, box);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('hands a state back once, with its connection and PKCE verifier', async () => {
    const connectionId = await newConnection();
    const state = randomState();
    await states.create({ connectionId, state, codeVerifier: 'verifier-1', redirectUri, expiresAt: inTenMinutes() });
    expect(await states.consume(state)).toEqual({ connectionId, codeVerifier: 'verifier-1', redirectUri });
    expect(await states.consume(state)).toBeUndefined();
  });

  it('gives a state to only one of two concurrent callbacks', async () => {
    const connectionId = await newConnection();
    const state = randomState();
    await states.create({ connectionId, state, codeVerifier: 'v', redirectUri, expiresAt: inTenMinutes() });
    const results = await Promise.all([states.consume(state), states.consume(state)]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
  });

  it('refuses an expired state, and deleteExpired removes it', async () => {
    const connectionId = await newConnection();
    const expired = randomState();
    const live = randomState();
    await states.create({
      connectionId,
      state: expired,
      codeVerifier: 'v',
      redirectUri,
      expiresAt: new Date(Date.now() - 1_000),
    });
    expect(await states.consume(expired)).toBeUndefined();

    const other = await newConnection();
    await states.create({
      connectionId: other,
      state: live,
      codeVerifier: 'v',
      redirectUri,
      expiresAt: inTenMinutes(),
    });
    expect(await states.deleteExpired()).toBe(1);
    const { rows } = await database.pool.query('SELECT connection_id FROM oauth_states WHERE connection_id = ANY($1)', [
      [connectionId, other],
    ]);
    expect(rows).toEqual([{ connection_id: other }]);
    expect(await states.consume(live)).toMatchObject({ connectionId: other });
  });

  it('refuses unknown and forged states', async () => {
    const connectionId = await newConnection();
    const state = randomState();
    await states.create({ connectionId, state, codeVerifier: 'v', redirectUri, expiresAt: inTenMinutes() });
    const { rows } = await database.pool.query('SELECT state_hash FROM oauth_states WHERE connection_id = $1', [
      connectionId,
    ]);
    // Presenting the stored hash itself (as someone reading the table would) must not work either.
    for (const forged of [randomState(), '', `${state}x`, state.slice(1), rows[0].state_hash]) {
      expect(await states.consume(forged)).toBeUndefined();
    }
    expect(await states.consume(state)).toBeDefined();
  });

  it('invalidates the earlier unused states of a connection when a new one is created', async () => {
    const connectionId = await newConnection();
    const bystander = await newConnection();
    const [first, second, third, theirs] = [randomState(), randomState(), randomState(), randomState()];
    const create = (id: string, state: string) =>
      states.create({ connectionId: id, state, codeVerifier: `v-${state}`, redirectUri, expiresAt: inTenMinutes() });
    await create(bystander, theirs);
    await create(connectionId, first);
    await create(connectionId, second);
    expect(await states.consume(first)).toBeUndefined();
    await create(connectionId, third);
    expect(await states.consume(second)).toBeUndefined();
    expect(await states.consume(third)).toMatchObject({ connectionId, codeVerifier: `v-${third}` });
    expect(await states.consume(theirs)).toMatchObject({ connectionId: bystander });
  });

  it('leaves exactly one usable state when two are created at once', async () => {
    const connectionId = await newConnection();
    const [a, b] = [randomState(), randomState()];
    await Promise.all(
      [a, b].map((state) =>
        states.create({ connectionId, state, codeVerifier: 'v', redirectUri, expiresAt: inTenMinutes() }),
      ),
    );
    const consumed = await Promise.all([states.consume(a), states.consume(b)]);
    expect(consumed.filter((c) => c !== undefined)).toHaveLength(1);
  });

  it('stores neither the state nor the verifier in clear text', async () => {
    const connectionId = await newConnection();
    const state = randomState();
    await states.create({
      connectionId,
      state,
      codeVerifier: 'pkce-verifier-secret',
      redirectUri,
      expiresAt: inTenMinutes(),
    });
    const { rows } = await database.pool.query('SELECT * FROM oauth_states WHERE connection_id = $1', [connectionId]);
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(state);
    expect(raw).not.toContain('pkce-verifier-secret');
    expect(rows[0].state_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].code_verifier_enc).toMatch(/^v1\.test\./);
  });

  it('disappears with its connection', async () => {
    const connectionId = await newConnection();
    const state = randomState();
    await states.create({ connectionId, state, codeVerifier: 'v', redirectUri, expiresAt: inTenMinutes() });
    await connections.delete(connectionId);
    const { rows } = await database.pool.query('SELECT 1 FROM oauth_states WHERE connection_id = $1', [connectionId]);
    expect(rows).toHaveLength(0);
    expect(await states.consume(state)).toBeUndefined();
  });

  it('refuses a state for a connection that does not exist', async () => {
    for (const connectionId of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      await expect(
        states.create({
          connectionId,
          state: randomState(),
          codeVerifier: 'v',
          redirectUri,
          expiresAt: inTenMinutes(),
        }),
      ).rejects.toMatchObject({ name: 'StoreError', code: 'CONNECTION_NOT_FOUND' });
    }
  });
});
