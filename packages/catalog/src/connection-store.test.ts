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

/** A login's outcome, as the connect job records it. */
const login = { orgId: '00D000000000001', userId: '005000000000001', instanceUrl: 'https://acme.my.salesforce.com' };

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
      accessTokenIssuedAt: null,
      refreshToken: null,
    });
  });

  it('reads a connection and its secrets together as its stored session', async () => {
    const { id } = await store.create(input);
    await store.saveSession(id, { accessToken: 'at', instanceUrl: 'https://acme.my.salesforce.com' });
    const stored = await store.storedSession(id);
    expect(stored?.connection).toEqual(await store.get(id));
    expect(stored?.secrets).toMatchObject({
      consumerSecret: input.consumerSecret,
      password: input.password,
      accessToken: 'at',
    });
    expect(await store.storedSession('nope')).toBeUndefined();
  });

  it('records a refusal once: failed for a password connection, needs_reauth for an oauth one', async () => {
    const password = await store.create(input);
    expect(await store.recordRefusal(password.id, 'AUTHENTICATION_FAILED', 'first')).toBe(true);
    expect(await store.recordRefusal(password.id, 'AUTHENTICATION_FAILED', 'second')).toBe(false);
    expect(await store.get(password.id)).toMatchObject({ status: 'failed', statusMessage: 'first' });

    const oauth = await store.create({
      host: 'h.my.salesforce.com',
      authType: 'oauth',
      consumerKey: 'k',
      consumerSecret: 's',
    });
    const results = await Promise.all([1, 2, 3].map((n) => store.recordRefusal(oauth.id, 'REVOKED', `refusal ${n}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.get(oauth.id))?.status).toBe('needs_reauth');
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

  it('reconfigures a failed connection in place: new settings sealed, status reset, old tokens dropped', async () => {
    const created = await store.create(input);
    await store.markConnected(created.id, {
      ...login,
      accessToken: 'old-access-token',
      refreshToken: 'old-refresh-token',
    });
    await store.markFailed(created.id, 'invalid_grant', 'authentication failure');

    const updated = await store.reconfigure(created.id, {
      username: 'new@acme.example',
      password: 'new-password-5e7f',
    });
    expect(updated).toMatchObject({
      id: created.id,
      host: input.host,
      consumerKey: input.consumerKey,
      username: 'new@acme.example',
      status: 'pending',
      statusCode: null,
      statusMessage: null,
    });
    expect(updated?.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    // The same host: it connected before, so it is not a first connection.
    expect(updated?.connectedAt).not.toBeNull();
    expect(await store.get(created.id)).toEqual(updated);
    expect(await store.secrets(created.id)).toEqual({
      consumerSecret: input.consumerSecret,
      password: 'new-password-5e7f',
      securityToken: input.securityToken,
      accessToken: null,
      accessTokenIssuedAt: null,
      refreshToken: null,
    });
    const { rows } = await database.pool.query('SELECT password_enc FROM connections WHERE id = $1', [created.id]);
    expect(rows[0].password_enc).toMatch(/^v1\.test\./);

    await store.reconfigure(created.id, {
      host: 'other.my.salesforce.com',
      consumerKey: 'k2',
      consumerSecret: 's2',
      securityToken: 'T2',
    });
    expect(await store.get(created.id)).toMatchObject({
      host: 'other.my.salesforce.com',
      consumerKey: 'k2',
      username: 'new@acme.example',
    });
    expect(await store.secrets(created.id)).toMatchObject({
      consumerSecret: 's2',
      password: 'new-password-5e7f',
      securityToken: 'T2',
    });
  });

  it('reconfigures an oauth connection back to awaiting authorization, without its code or tokens', async () => {
    const created = await store.create({
      host: 'login.salesforce.com',
      authType: 'oauth',
      consumerKey: 'k',
      consumerSecret: 's',
    });
    await store.saveAuthorizationCode(created.id, {
      code: 'code',
      codeVerifier: 'verifier',
      redirectUri: 'https://app/cb',
    });
    await store.saveSession(created.id, {
      accessToken: 'at',
      instanceUrl: 'https://na1.salesforce.com',
      refreshToken: 'rt',
    });

    const updated = await store.reconfigure(created.id, { consumerKey: 'k2' });
    expect(updated).toMatchObject({
      authType: 'oauth',
      consumerKey: 'k2',
      username: null,
      status: 'awaiting_authorization',
    });
    expect(await store.takeAuthorizationCode(created.id)).toBeUndefined();
    expect(await store.secrets(created.id)).toMatchObject({
      consumerSecret: 's',
      accessToken: null,
      refreshToken: null,
    });
  });

  it('treats a new host as a first connection again', async () => {
    const created = await store.create(input);
    await store.markConnected(created.id, { ...login, accessToken: 'token' });
    expect((await store.reconfigure(created.id, { host: input.host }))?.connectedAt).not.toBeNull();
    expect((await store.reconfigure(created.id, { host: 'https://other.my.salesforce.com' }))?.connectedAt).toBeNull();
  });

  it('reconfigures nothing for unknown ids', async () => {
    expect(await store.reconfigure('nope', { username: 'x' })).toBeUndefined();
    expect(await store.reconfigure('00000000-0000-4000-8000-000000000000', { username: 'x' })).toBeUndefined();
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
    expect(created).toMatchObject({ authType: 'oauth', username: null, status: 'awaiting_authorization' });
    expect(await store.secrets(created.id)).toMatchObject({ consumerSecret: 'secret', password: null });
  });

  it('still requires username and password from a password connection in the database itself', async () => {
    await expect(
      database.pool.query(
        'INSERT INTO connections (host, auth_type, consumer_key, consumer_secret_enc) ' +
          "VALUES ('h', 'password', 'k', $1)",
        [box.seal('s')],
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'connections_password_credentials' });
  });

  it('keeps its own request limit, null for the default, changed without touching the session', async () => {
    expect((await store.create(input)).maxConcurrentRequests).toBeNull();
    const created = await store.create({ ...input, maxConcurrentRequests: 4 });
    expect(created.maxConcurrentRequests).toBe(4);
    await store.markConnected(created.id, { ...login, accessToken: 'token' });
    const lowered = await store.setMaxConcurrentRequests(created.id, 2);
    expect(lowered).toMatchObject({ maxConcurrentRequests: 2, status: 'connected' });
    expect(await store.get(created.id)).toEqual(lowered);
    expect((await store.secrets(created.id))?.accessToken).toBe('token');
    expect((await store.setMaxConcurrentRequests(created.id, null))?.maxConcurrentRequests).toBeNull();
    expect(await store.setMaxConcurrentRequests('00000000-0000-4000-8000-000000000000', 3)).toBeUndefined();
    await expect(store.setMaxConcurrentRequests(created.id, 0)).rejects.toMatchObject({ code: '23514' });
  });

  describe('OAuth', () => {
    const oauthInput = {
      host: 'login.salesforce.com',
      authType: 'oauth' as const,
      consumerKey: 'k',
      consumerSecret: 's',
    };
    const grant = {
      code: 'aPrx-authorization-code-9c1',
      codeVerifier: 'pkce-verifier-4d2e',
      redirectUri: 'https://app/cb',
    };
    const session = { orgId: '00D000000000001', userId: '005000000000001', instanceUrl: 'https://na1.salesforce.com' };

    it('keeps an authorization code encrypted and hands it out exactly once', async () => {
      const { id } = await store.create(oauthInput);
      await store.markFailed(id, 'invalid_grant', 'expired code');
      await store.saveAuthorizationCode(id, grant);
      expect(await store.get(id)).toMatchObject({ status: 'pending', statusCode: null, statusMessage: null });

      const { rows } = await database.pool.query('SELECT * FROM connections WHERE id = $1', [id]);
      const raw = JSON.stringify(rows[0]);
      expect(raw).not.toContain(grant.code);
      expect(raw).not.toContain(grant.codeVerifier);
      expect(rows[0].authorization_code_enc).toMatch(/^v1\.test\./);

      expect(await store.takeAuthorizationCode(id)).toEqual(grant);
      expect(await store.takeAuthorizationCode(id)).toBeUndefined();
      const after = await database.pool.query(
        'SELECT authorization_code_enc, authorization_code_verifier_enc, authorization_redirect_uri ' +
          'FROM connections WHERE id = $1',
        [id],
      );
      expect(Object.values(after.rows[0])).toEqual([null, null, null]);
    });

    it('gives a code to only one of two concurrent takers', async () => {
      const { id } = await store.create(oauthInput);
      await store.saveAuthorizationCode(id, grant);
      const taken = await Promise.all([store.takeAuthorizationCode(id), store.takeAuthorizationCode(id)]);
      expect(taken.filter((t) => t !== undefined)).toEqual([grant]);
    });

    it('ignores codes for unknown connections', async () => {
      await expect(store.saveAuthorizationCode('nope', grant)).resolves.toBeUndefined();
      await store.saveAuthorizationCode('00000000-0000-4000-8000-000000000000', grant);
      expect(await store.takeAuthorizationCode('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      expect(await store.takeAuthorizationCode('nope')).toBeUndefined();
    });

    it('stores the refresh token and the issue time of the access token on connect', async () => {
      const { id } = await store.create(oauthInput);
      const issuedAt = new Date('2025-11-01T10:00:00.000Z');
      await store.markConnected(id, { ...session, accessToken: 'at-1', refreshToken: 'rt-1', issuedAt });
      expect(await store.secrets(id)).toMatchObject({
        accessToken: 'at-1',
        refreshToken: 'rt-1',
        accessTokenIssuedAt: issuedAt,
      });
      const { rows } = await database.pool.query('SELECT refresh_token_enc FROM connections WHERE id = $1', [id]);
      expect(rows[0].refresh_token_enc).toMatch(/^v1\.test\./);

      // The password flow passes neither: the issue time defaults to now.
      const before = Date.now();
      await store.markConnected(id, { ...session, accessToken: 'at-2' });
      const secrets = await store.secrets(id);
      expect(secrets).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-1' });
      expect(secrets?.accessTokenIssuedAt?.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    });

    it('replaces a rotated refresh token together with the access token, and keeps it otherwise', async () => {
      const { id } = await store.create(oauthInput);
      await store.markConnected(id, { ...session, accessToken: 'at-1', refreshToken: 'rt-1' });

      const issuedAt = new Date('2025-11-02T08:30:00.000Z');
      await store.saveSession(id, {
        accessToken: 'at-2',
        instanceUrl: session.instanceUrl,
        refreshToken: 'rt-2',
        issuedAt,
      });
      expect(await store.secrets(id)).toMatchObject({
        accessToken: 'at-2',
        refreshToken: 'rt-2',
        accessTokenIssuedAt: issuedAt,
      });

      await store.saveSession(id, { accessToken: 'at-3', instanceUrl: session.instanceUrl });
      await store.saveSession(id, { accessToken: 'at-4', instanceUrl: session.instanceUrl, refreshToken: null });
      const secrets = await store.secrets(id);
      expect(secrets).toMatchObject({ accessToken: 'at-4', refreshToken: 'rt-2' });
      expect(secrets?.accessTokenIssuedAt?.getTime()).toBeGreaterThan(issuedAt.getTime());
      expect(await store.get(id)).toMatchObject({ status: 'connected' });
    });

    it('moves to needs_reauth with a reason, and back to awaiting_authorization without one', async () => {
      const { id } = await store.create(oauthInput);
      await store.markConnected(id, { ...session, accessToken: 'at', refreshToken: 'rt' });
      await store.markNeedsReauth(id, 'invalid_grant', 'expired access/refresh token');
      expect(await store.get(id)).toMatchObject({
        status: 'needs_reauth',
        statusCode: 'invalid_grant',
        statusMessage: 'expired access/refresh token',
      });

      await store.markAwaitingAuthorization(id);
      expect(await store.get(id)).toMatchObject({
        status: 'awaiting_authorization',
        statusCode: null,
        statusMessage: null,
      });
      await expect(store.markNeedsReauth('nope', 'x', 'y')).resolves.toBeUndefined();
      await expect(store.markAwaitingAuthorization('nope')).resolves.toBeUndefined();
    });
  });
});
