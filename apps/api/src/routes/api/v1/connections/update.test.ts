import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auth,
  createTestApp,
  oauthConnection,
  recordingLogger,
  redisDump,
  validConnection,
  type TestApp,
} from '../../../../test-app.ts';

const repaired = {
  password: 'SECRET-new-password-0c4d',
  securityToken: 'SECRET-new-token-9e1f',
  consumerSecret: 'SECRET-new-consumer-2b7a',
};

let t: TestApp;
const { logger, lines: logLines } = recordingLogger();
beforeAll(async () => {
  t = await createTestApp({}, { logger });
});
afterAll(async () => {
  await t.close();
});

const create = async (payload: object): Promise<{ id: string; authorizeUrl?: string }> =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: auth, payload })).json();
const patch = (id: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/v1/connections/${id}`,
    headers: { ...auth, ...headers },
    payload: payload as string,
  });
const connectJobsFor = async (id: string) =>
  (await t.app.queues.connect.getJobs(['waiting']))
    .filter((job) => job.data.connectionId === id)
    .map((job) => job.data);
const session = {
  orgId: '00D000000000001AAA',
  userId: '005000000000001AAA',
  instanceUrl: 'https://acme.my.salesforce.com',
  accessToken: 'SECRET-access-token',
  refreshToken: 'SECRET-refresh-token',
};

/** Everything a refused request must leave as it was. */
const snapshot = async (id: string) => ({
  connection: await t.app.stores.connections.get(id),
  secrets: await t.app.stores.connections.secrets(id),
  jobs: await t.app.queues.connect.count(),
});

describe('PATCH /api/v1/connections/:id for a password connection', () => {
  it(
    'replaces the credentials, resets a failed connection to pending, ' + 'drops its tokens and queues a connect job',
    async () => {
      const { id } = await create(validConnection);
      await t.app.stores.connections.markConnected(id, session);
      await t.app.stores.connections.markFailed(id, 'invalid_grant', 'authentication failure');
      logLines.length = 0;

      const response = await patch(id, { ...repaired, username: 'new-admin@acme.example' });
      expect(response.statusCode).toBe(202);
      const body = response.json();
      expect(body).toMatchObject({
        id,
        authType: 'password',
        host: 'https://acme.my.salesforce.com',
        consumerKey: validConnection.consumerKey,
        username: 'new-admin@acme.example',
        status: 'pending',
        statusReason: null,
        actions: null,
      });
      expect(body).not.toHaveProperty('authorizeUrl');
      expect((await t.app.inject({ url: `/api/v1/connections/${id}`, headers: auth })).json()).toEqual({
        ...body,
        schedule: null,
      });
      expect(await t.app.stores.connections.secrets(id)).toEqual({
        consumerSecret: repaired.consumerSecret,
        password: repaired.password,
        securityToken: repaired.securityToken,
        accessToken: null,
        accessTokenIssuedAt: null,
        refreshToken: null,
      });
      expect(await connectJobsFor(id)).toEqual([{ connectionId: id }, { connectionId: id }]);

      const dump = await redisDump(t);
      for (const secret of Object.values(repaired)) {
        expect(response.body).not.toContain(secret);
        expect(dump).not.toContain(secret);
        expect(logLines.join('')).not.toContain(secret);
      }
    },
  );

  it('lets a repaired connection connect and extract again', async () => {
    const { id } = await create(validConnection);
    await t.app.stores.connections.markFailed(id, 'invalid_grant', 'authentication failure');
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/connections/${id}/extractions`, headers: auth });
    expect(refused.statusCode).toBe(409);

    expect((await patch(id, { password: repaired.password })).statusCode).toBe(202);
    // What the connect job does once the new password logs in.
    await t.app.stores.connections.markConnected(id, session);
    const extraction = await t.app.inject({
      method: 'POST',
      url: `/api/v1/connections/${id}/extractions`,
      headers: auth,
    });
    expect(extraction.statusCode).toBe(202);
    expect(extraction.json()).toMatchObject({ connectionId: id, status: 'queued' });
  });

  it('takes a new host through the host policy', async () => {
    const { id } = await create(validConnection);
    const response = await patch(id, { host: 'other.my.salesforce.com' });
    expect(response.statusCode).toBe(202);
    expect(response.json().host).toBe('https://other.my.salesforce.com');

    const before = await snapshot(id);
    for (const host of ['evil.com', 'http://other.my.salesforce.com', '10.1.2.3']) {
      const refused = await patch(id, { host, password: 'changed' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('HOST_NOT_ALLOWED');
    }
    expect(await snapshot(id)).toEqual(before);
  });

  const refusals: Array<[string, unknown, Record<string, string>, number, string, RegExp?]> = [
    ['an empty body', {}, {}, 400, 'VALIDATION_FAILED', /^body must NOT have fewer than 1 properties$/],
    ['no body', '', { 'content-type': 'application/json' }, 400, 'INVALID_JSON'],
    [
      'an unknown field',
      { password: 'x', isAdmin: true },
      {},
      400,
      'VALIDATION_FAILED',
      /additional properties: isAdmin/,
    ],
    ['a change of auth type', { authType: 'oauth' }, {}, 400, 'VALIDATION_FAILED', /additional properties: authType/],
    [
      'a password of the wrong type',
      { password: 12345 },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/password must be string$/,
    ],
    ['an empty password', { password: '' }, {}, 400, 'VALIDATION_FAILED', /body\/password/],
    [
      'a NUL in the username',
      { username: 'a\u0000b' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/username must not contain NUL or unpaired surrogate characters$/,
    ],
    [
      'a lone surrogate in the password',
      { password: '\ud800' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/password must not contain NUL/,
    ],
    [
      'a blank consumer key',
      { consumerKey: '  ' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/consumerKey must not be blank$/,
    ],
    ['an array body', [{ password: 'x' }], {}, 400, 'VALIDATION_FAILED'],
    [
      'a text/plain body',
      JSON.stringify({ password: 'x' }),
      { 'content-type': 'text/plain' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ];

  it.each(refusals)('refuses %s and changes nothing', async (_, payload, headers, status, code, message) => {
    const { id } = await create(validConnection);
    await t.app.stores.connections.markFailed(id, 'invalid_grant', 'authentication failure');
    const before = await snapshot(id);
    const response = await patch(id, typeof payload === 'string' ? payload : JSON.stringify(payload), {
      'content-type': 'application/json',
      ...headers,
    });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ statusCode: status, code });
    if (message) expect(response.json().message).toMatch(message);
    expect(await snapshot(id)).toEqual(before);
  });

  it('refuses with 409 CONNECTION_BUSY while an extraction is queued, and changes nothing', async () => {
    const { id } = await create(validConnection);
    await t.app.stores.connections.markConnected(id, session);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/connections/${id}/extractions`, headers: auth })).statusCode,
    ).toBe(202);
    const before = await snapshot(id);

    const response = await patch(id, { password: repaired.password });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ statusCode: 409, code: 'CONNECTION_BUSY', error: 'Conflict' });
    expect(response.json().message).toMatch(/extraction under way/);
    expect(await snapshot(id)).toEqual(before);
  });

  it.each([randomUUID(), 'nope'])('answers 404 for the unknown connection %s', async (id) => {
    const response = await patch(id, { password: 'x' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });

  it('requires the API key', async () => {
    const { id } = await create(validConnection);
    const before = await snapshot(id);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/connections/${id}`,
      payload: { password: 'x' },
    });
    expect(response.statusCode).toBe(401);
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('PATCH /api/v1/connections/:id for an oauth connection', () => {
  const stateOf = (authorizeUrl: string) => new URL(authorizeUrl).searchParams.get('state') as string;

  it('replaces the connected app, waits for authorization again and answers 200 with a new authorize URL', async () => {
    const created = await create(oauthConnection);
    await t.app.stores.connections.markConnected(created.id, session);
    const jobsBefore = await t.app.queues.connect.count();

    const response = await patch(created.id, { consumerKey: '3MVG9-new-key', consumerSecret: repaired.consumerSecret });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      id: created.id,
      authType: 'oauth',
      consumerKey: '3MVG9-new-key',
      status: 'awaiting_authorization',
      statusReason: null,
      actions: { reauthorize: `/api/v1/connections/${created.id}/reauthorize` },
    });
    expect(response.body).not.toContain(repaired.consumerSecret);
    const url = new URL(body.authorizeUrl);
    expect(url.origin + url.pathname).toBe('https://acme.my.salesforce.com/services/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('3MVG9-new-key');
    expect(await t.app.stores.connections.secrets(created.id)).toMatchObject({
      consumerSecret: repaired.consumerSecret,
      accessToken: null,
      refreshToken: null,
    });
    expect(await t.app.queues.connect.count()).toBe(jobsBefore);

    // The authorize URL of the old connected app no longer works; the new one does.
    const old = await t.app.inject({
      url: '/api/v1/oauth/from_oauth/',
      query: { code: 'c', state: stateOf(created.authorizeUrl!) },
    });
    expect(old.json().code).toBe('INVALID_STATE');
    const fresh = await t.app.inject({
      url: '/api/v1/oauth/from_oauth/',
      query: { code: 'c', state: stateOf(body.authorizeUrl) },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it.each(['username', 'password', 'securityToken'])(
    'refuses %s, which an oauth connection does not have',
    async (field) => {
      const { id } = await create(oauthConnection);
      const before = await snapshot(id);
      const response = await patch(id, { consumerKey: 'k', [field]: 'x' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: `body/${field} is not a setting of an oauth connection`,
      });
      expect(await snapshot(id)).toEqual(before);
      const { rows } = await t.app.database.query(
        'SELECT count(*)::int AS n FROM oauth_states WHERE connection_id = $1',
        [id],
      );
      expect(rows[0].n).toBe(1);
    },
  );
});

describe('PATCH /api/v1/connections/:id with a scope', () => {
  it('changes only the scope of a connected connection: same session, status, jobs, even mid-run', async () => {
    const { id } = await create(validConnection);
    await t.app.stores.connections.markConnected(id, session);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/connections/${id}/extractions`, headers: auth })).statusCode,
    ).toBe(202);
    const before = await snapshot(id);

    const response = await patch(id, { scope: { objects: { include: ['Account', 'Invoice*'] }, reports: false } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ id, status: 'connected', connectedAt: before.connection?.connectedAt?.toISOString() });
    expect(body).not.toHaveProperty('authorizeUrl');
    expect(body.scope).toMatchObject({
      objects: { include: ['Account', 'Invoice*'], exclude: [], companions: true },
      reports: false,
      dashboards: true,
    });
    const after = await snapshot(id);
    expect(after.secrets).toEqual(before.secrets);
    expect(after.jobs).toBe(before.jobs);
    expect({ ...after.connection, scope: undefined, updatedAt: undefined }).toEqual({
      ...before.connection,
      scope: undefined,
      updatedAt: undefined,
    });

    // Keys left out keep their value; a pattern list is replaced as a whole.
    const again = (await patch(id, { scope: { objects: { exclude: ['*History'] }, apexSource: true } })).json();
    expect(again.scope).toMatchObject({
      objects: { include: ['Account', 'Invoice*'], exclude: ['*History'] },
      reports: false,
      apexSource: true,
    });
    const replaced = (await patch(id, { scope: { objects: { include: [] } } })).json();
    expect(replaced.scope.objects).toEqual({ include: [], exclude: ['*History'], companions: true });
    expect((await t.app.inject({ url: `/api/v1/connections/${id}`, headers: auth })).json().scope).toEqual(
      replaced.scope,
    );
  });

  it('changes only the scope of an oauth connection, without a new authorization', async () => {
    const created = await create(oauthConnection);
    await t.app.stores.connections.markConnected(created.id, session);
    const response = await patch(created.id, { scope: { dashboards: false } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'connected', actions: null, scope: { dashboards: false } });
    expect(response.json()).not.toHaveProperty('authorizeUrl');
    expect((await t.app.stores.connections.secrets(created.id))?.accessToken).toBe(session.accessToken);
  });

  it('applies a scope with new credentials: both change, and the connection starts over', async () => {
    const { id } = await create(validConnection);
    await t.app.stores.connections.markConnected(id, session);
    const response = await patch(id, { password: repaired.password, scope: { recordCounts: false } });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: 'pending', scope: { recordCounts: false } });
    expect((await t.app.stores.connections.secrets(id))?.password).toBe(repaired.password);
    expect(await connectJobsFor(id)).toEqual([{ connectionId: id }, { connectionId: id }]);

    const oauth = await create(oauthConnection);
    const reauthorized = await patch(oauth.id, { consumerKey: '3MVG9-other', scope: { apexClasses: false } });
    expect(reauthorized.statusCode).toBe(200);
    expect(reauthorized.json()).toMatchObject({ consumerKey: '3MVG9-other', scope: { apexClasses: false } });
    expect(reauthorized.json().authorizeUrl).toEqual(expect.any(String));
  });

  it('refuses a bad scope, or a scope with credentials while an extraction runs, and changes nothing', async () => {
    const { id } = await create(validConnection);
    await t.app.stores.connections.markConnected(id, session);
    const before = await snapshot(id);
    for (const scope of [{ objects: { include: [''] } }, { reports: 1 }, { unknown: true }, null]) {
      const response = await patch(id, { scope });
      expect(response.statusCode, JSON.stringify(scope)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
    await t.app.inject({ method: 'POST', url: `/api/v1/connections/${id}/extractions`, headers: auth });
    const busy = await patch(id, { password: 'x', scope: { reports: false } });
    expect(busy.statusCode).toBe(409);
    expect((await snapshot(id)).connection).toEqual(before.connection);
    expect((await patch(randomUUID(), { scope: {} })).statusCode).toBe(404);
  });
});
