import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auth,
  createTestApp,
  oauthConnection,
  redisDump,
  validConnection,
  type TestApp,
} from '../../../../test-app.ts';

const secrets = [validConnection.password, validConnection.securityToken, validConnection.consumerSecret];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/connections',
    headers: { ...auth, ...headers },
    payload: payload as string,
  });
const count = async () => (await t.app.stores.connections.list()).length;

describe('POST /api/v1/connections', () => {
  it('stores the connection, queues a connect job with its id only, and never shows a secret', async () => {
    const response = await post(validConnection);
    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body).toMatchObject({
      host: 'https://acme.my.salesforce.com',
      authType: 'password',
      consumerKey: validConnection.consumerKey,
      username: validConnection.username,
      status: 'pending',
      statusReason: null,
      orgId: null,
      connectedAt: null,
    });
    expect(Object.keys(body).sort()).toEqual(
      [
        'id',
        'host',
        'authType',
        'consumerKey',
        'username',
        'status',
        'statusReason',
        'orgId',
        'userId',
        'instanceUrl',
        'createdAt',
        'updatedAt',
        'connectedAt',
        'scope',
        'maxConcurrentRequests',
        'actions',
      ].sort(),
    );
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    expect(response.headers.location).toBe(`/api/v1/connections/${body.id}`);

    const stored = await t.app.stores.connections.get(body.id);
    expect(stored?.host).toBe('https://acme.my.salesforce.com');
    expect((await t.app.stores.connections.secrets(body.id))?.password).toBe(validConnection.password);

    const jobs = await t.app.queues.connect.getJobs(['waiting']);
    expect(jobs.map((job) => job.data)).toContainEqual({ connectionId: body.id });
    const job = jobs.find((candidate) => candidate.data.connectionId === body.id);
    expect(job?.name).toBe('connect');
    expect(job?.data).toEqual({ connectionId: body.id });

    const shown = await t.app.inject({ url: `/api/v1/connections/${body.id}`, headers: auth });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ ...body, schedule: null });
    const listed = await t.app.inject({ url: '/api/v1/connections', headers: auth });
    expect(listed.json().items).toContainEqual(body);

    const dump = await redisDump(t);
    expect(dump).toContain(body.id);
    for (const text of [response.body, shown.body, listed.body, dump]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('keeps characters outside the BMP, which are surrogate pairs in JSON', async () => {
    const response = await post({
      ...validConnection,
      username: 'admin\u{1F600}@acme.example',
      password: '\ud83d\ude00-pass',
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().username).toBe('admin\u{1F600}@acme.example');
    expect((await t.app.stores.connections.secrets(response.json().id))?.password).toBe('\u{1F600}-pass');
  });

  it('admits the allow-listed simulator origin as it is', async () => {
    const response = await post({ ...validConnection, host: 'http://127.0.0.1:4010/', securityToken: undefined });
    expect(response.statusCode).toBe(202);
    expect(response.json().host).toBe('http://127.0.0.1:4010');
  });

  const cases: Array<[string, unknown, Record<string, string>, number, string, RegExp?]> = [
    [
      'a missing host',
      { ...validConnection, host: undefined },
      {},
      400,
      'VALIDATION_FAILED',
      /body must have required property 'host'/,
    ],
    ['a missing password', { ...validConnection, password: undefined }, {}, 400, 'VALIDATION_FAILED', /password/],
    ['an empty username', { ...validConnection, username: '' }, {}, 400, 'VALIDATION_FAILED', /body\/username/],
    [
      'a host of the wrong type',
      { ...validConnection, host: 42 },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/host must be string$/,
    ],
    [
      'a password of the wrong type',
      { ...validConnection, password: 12345 },
      {},
      400,
      'VALIDATION_FAILED',
      /body\/password/,
    ],
    [
      'an extra property',
      { ...validConnection, isAdmin: true },
      {},
      400,
      'VALIDATION_FAILED',
      /additional properties: isAdmin/,
    ],
    ['an unsupported auth type', { ...validConnection, authType: 'saml' }, {}, 400, 'VALIDATION_FAILED', /authType/],
    [
      'an oauth body without consumerSecret',
      { ...oauthConnection, consumerSecret: undefined },
      {},
      400,
      'VALIDATION_FAILED',
      /^body must have required property 'consumerSecret'$/,
    ],
    [
      'an oauth body with a username',
      { ...oauthConnection, username: 'admin@acme.example' },
      {},
      400,
      'VALIDATION_FAILED',
      /additional properties: username/,
    ],
    [
      'an oauth body with a password',
      { ...oauthConnection, password: 'x' },
      {},
      400,
      'VALIDATION_FAILED',
      /additional properties: password/,
    ],
    [
      'an oauth body with an empty consumerKey',
      { ...oauthConnection, consumerKey: '' },
      {},
      400,
      'VALIDATION_FAILED',
      /body\/consumerKey/,
    ],
    [
      'an oauth body with a bad host',
      { ...oauthConnection, host: 'evil.com' },
      {},
      400,
      'HOST_NOT_ALLOWED',
      /not a Salesforce login host/,
    ],
    [
      'an oauth body with a plain http host',
      { ...oauthConnection, host: 'http://acme.my.salesforce.com' },
      {},
      400,
      'HOST_NOT_ALLOWED',
      /https/,
    ],
    ['an array body', [validConnection], {}, 400, 'VALIDATION_FAILED'],
    [
      'an oversized password',
      { ...validConnection, password: 'x'.repeat(256) },
      {},
      400,
      'VALIDATION_FAILED',
      /password/,
    ],
    ['a body over the limit', { ...validConnection, password: 'x'.repeat(20_000) }, {}, 413, 'BODY_TOO_LARGE'],
    ['a body that is not JSON', '{"host": ', { 'content-type': 'application/json' }, 400, 'INVALID_JSON'],
    ['an empty JSON body', '', { 'content-type': 'application/json' }, 400, 'INVALID_JSON'],
    [
      'a text/plain body',
      JSON.stringify(validConnection),
      { 'content-type': 'text/plain' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a form body',
      'host=acme.my.salesforce.com',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a non-Salesforce host',
      { ...validConnection, host: 'evil.com' },
      {},
      400,
      'HOST_NOT_ALLOWED',
      /not a Salesforce login host/,
    ],
    ['a look-alike host', { ...validConnection, host: 'login.salesforce.com.evil.com' }, {}, 400, 'HOST_NOT_ALLOWED'],
    [
      'a plain http host',
      { ...validConnection, host: 'http://acme.my.salesforce.com' },
      {},
      400,
      'HOST_NOT_ALLOWED',
      /https/,
    ],
    [
      'a Lightning host',
      { ...validConnection, host: 'acme.lightning.force.com' },
      {},
      400,
      'HOST_NOT_ALLOWED',
      /My Domain/,
    ],
    ['a private IP', { ...validConnection, host: '10.1.2.3' }, {}, 400, 'HOST_NOT_ALLOWED', /private/],
    [
      'a loopback IP in decimal',
      { ...validConnection, host: 'https://2130706433' },
      {},
      400,
      'HOST_NOT_ALLOWED',
      /loopback/,
    ],
    [
      'the metadata service',
      { ...validConnection, host: '169.254.169.254' },
      {},
      400,
      'HOST_NOT_ALLOWED',
      /link-local/,
    ],
    ['a link-local IPv6', { ...validConnection, host: 'https://[fe80::1]' }, {}, 400, 'HOST_NOT_ALLOWED', /link-local/],
    [
      'a NUL in the consumer key',
      { ...validConnection, consumerKey: 'a\u0000b' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/consumerKey must not contain NUL or unpaired surrogate characters$/,
    ],
    [
      'a NUL in the username',
      { ...validConnection, username: 'a\u0000b' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/username must not contain NUL or unpaired surrogate characters$/,
    ],
    [
      'a NUL in the host',
      { ...validConnection, host: 'acme.my.salesforce.com\u0000' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/host must not contain NUL/,
    ],
    [
      'a lone high surrogate in the password',
      { ...validConnection, password: 'pass\ud800word' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/password must not contain NUL or unpaired surrogate characters$/,
    ],
    [
      'a lone low surrogate in the security token',
      { ...validConnection, securityToken: '\udc00' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/securityToken must not contain/,
    ],
    [
      'a NUL in an oauth consumer secret',
      { ...oauthConnection, consumerSecret: '\u0000' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/consumerSecret must not contain/,
    ],
    [
      'a blank host',
      { ...validConnection, host: '   ' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/host must not be blank$/,
    ],
    [
      'a blank consumer key',
      { ...validConnection, consumerKey: ' \t ' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/consumerKey must not be blank$/,
    ],
    [
      'a blank username',
      { ...validConnection, username: '\n' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/username must not be blank$/,
    ],
    [
      'a blank oauth consumer key',
      { ...oauthConnection, consumerKey: ' ' },
      {},
      400,
      'VALIDATION_FAILED',
      /^body\/consumerKey must not be blank$/,
    ],
  ];

  it.each(cases)('refuses %s and stores nothing', async (_, payload, headers, status, code, message) => {
    const before = await count();
    const jobsBefore = await t.app.queues.connect.count();
    const statesBefore = (await t.app.database.query('SELECT count(*)::int AS n FROM oauth_states')).rows[0].n;
    const response = await post(typeof payload === 'string' ? payload : JSON.stringify(payload), {
      'content-type': 'application/json',
      ...headers,
    });
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body).toMatchObject({ statusCode: status, code });
    expect(typeof body.error).toBe('string');
    if (message) expect(body.message).toMatch(message);
    expect(await count()).toBe(before);
    expect(await t.app.queues.connect.count()).toBe(jobsBefore);
    const { rows } = await t.app.database.query('SELECT count(*)::int AS n FROM oauth_states');
    expect(rows[0].n).toBe(statesBefore);
  });
});

describe('POST /api/v1/connections with authType oauth', () => {
  it(
    'stores the connection awaiting authorization, answers 201 with the authorize URL, ' + 'and queues nothing',
    async () => {
      const jobsBefore = await t.app.queues.connect.count();
      const response = await post(oauthConnection);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({
        host: 'https://acme.my.salesforce.com',
        authType: 'oauth',
        consumerKey: oauthConnection.consumerKey,
        username: null,
        status: 'awaiting_authorization',
        statusReason: null,
        actions: { reauthorize: `/api/v1/connections/${body.id}/reauthorize` },
      });
      expect(response.headers.location).toBe(`/api/v1/connections/${body.id}`);

      const url = new URL(body.authorizeUrl);
      expect(url.origin + url.pathname).toBe('https://acme.my.salesforce.com/services/oauth2/authorize');
      const params = Object.fromEntries(url.searchParams);
      expect(Object.keys(params).sort()).toEqual(
        [
          'response_type',
          'client_id',
          'redirect_uri',
          'scope',
          'state',
          'code_challenge',
          'code_challenge_method',
        ].sort(),
      );
      expect(params).toMatchObject({
        response_type: 'code',
        client_id: oauthConnection.consumerKey,
        redirect_uri: `${t.app.config.api.publicBaseUrl}/api/v1/oauth/from_oauth/`,
        scope: 'api refresh_token offline_access',
        code_challenge_method: 'S256',
      });
      expect(params.state).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

      // Only the state's hash and the encrypted verifier are stored; the verifier is in no answer.
      const { rows } = await t.app.database.query(
        'SELECT state_hash, code_verifier_enc, redirect_uri, expires_at FROM oauth_states WHERE connection_id = $1',
        [body.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].state_hash).toBe(
        createHash('sha256')
          .update(params.state as string)
          .digest('hex'),
      );
      expect(rows[0].redirect_uri).toBe(params.redirect_uri);
      const ttl = (rows[0].expires_at.getTime() - Date.now()) / 1000;
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);
      const verifier = (await t.app.stores.oauthStates.consume(params.state as string))?.codeVerifier;
      expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(
        createHash('sha256')
          .update(verifier as string)
          .digest('base64url'),
      ).toBe(params.code_challenge);
      expect(response.body).not.toContain(verifier);
      expect(response.body).not.toContain(oauthConnection.consumerSecret);
      expect((await t.app.stores.connections.secrets(body.id))?.consumerSecret).toBe(oauthConnection.consumerSecret);

      expect(await t.app.queues.connect.count()).toBe(jobsBefore);
      const shown = await t.app.inject({ url: `/api/v1/connections/${body.id}`, headers: auth });
      const { authorizeUrl: _url, ...connection } = body;
      expect(shown.json()).toEqual({ ...connection, schedule: null });
    },
  );
});

describe('GET and DELETE /api/v1/connections/:id', () => {
  it.each([
    ['%00', /^params\/id must not contain NUL or unpaired surrogate characters$/],
    ['a%00b', /^params\/id must not contain NUL/],
    ['%20%20', /^params\/id must not be blank$/],
  ])('answers 400 VALIDATION_FAILED for the id %s', async (id, message) => {
    for (const method of ['GET', 'DELETE', 'PATCH'] as const) {
      const payload = method === 'PATCH' ? { password: 'x' } : undefined;
      const response = await t.app.inject({ method, url: `/api/v1/connections/${id}`, headers: auth, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    }
  });

  it.each([randomUUID(), 'not-a-uuid', '1', "'; drop table connections; --"])('answers 404 for %s', async (id) => {
    const url = `/api/v1/connections/${encodeURIComponent(id)}`;
    for (const method of ['GET', 'DELETE'] as const) {
      const response = await t.app.inject({ method, url, headers: auth });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found' });
    }
  });

  it('deletes a connection with its secrets', async () => {
    const { id } = (await post(validConnection)).json();
    const before = await count();
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v1/connections/${id}`, headers: auth });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect(await count()).toBe(before - 1);
    expect(await t.app.stores.connections.secrets(id)).toBeUndefined();
    expect((await t.app.inject({ url: `/api/v1/connections/${id}`, headers: auth })).statusCode).toBe(404);
  });
});

describe('POST /api/v1/connections with a scope', () => {
  const defaults = {
    objects: { include: [], exclude: [], companions: true },
    descriptions: true,
    owners: true,
    recordCounts: true,
    reports: true,
    dashboards: true,
    apexClasses: true,
    apexTriggers: true,
    dependencies: true,
    apexSource: false,
  };

  it('shows the default scope when none is given, and keys given over the defaults otherwise', async () => {
    expect((await post(validConnection)).json().scope).toEqual(defaults);
    const scope = {
      objects: { include: ['Account', 'Invoice*'], companions: false },
      reports: false,
      apexSource: true,
    };
    const response = await post({ ...validConnection, scope });
    expect(response.statusCode).toBe(202);
    const expected = {
      ...defaults,
      objects: { include: ['Account', 'Invoice*'], exclude: [], companions: false },
      reports: false,
      apexSource: true,
    };
    expect(response.json().scope).toEqual(expected);
    expect(
      (await t.app.inject({ url: `/api/v1/connections/${response.json().id}`, headers: auth })).json().scope,
    ).toEqual(expected);
    const oauth = await post({ ...oauthConnection, scope: { dashboards: false } });
    expect(oauth.statusCode).toBe(201);
    expect(oauth.json().scope).toEqual({ ...defaults, dashboards: false });
  });

  it.each([
    ['an empty glob', { objects: { include: [''] } }, /body\/scope\/objects\/include\/0/],
    ['a blank glob', { objects: { exclude: ['  '] } }, /must not be blank/],
    ['a glob of 256 characters', { objects: { include: ['A'.repeat(256)] } }, /include\/0/],
    ['501 globs', { objects: { exclude: Array.from({ length: 501 }, (_, i) => `O${i}`) } }, /exclude/],
    ['a NUL in a glob', { objects: { include: ['a\u0000'] } }, /must not contain NUL/],
    ['an unknown switch', { flows: true }, /additional properties: flows/],
    ['an unknown objects key', { objects: { only: ['A'] } }, /additional properties: only/],
    ['a switch that is not a boolean', { reports: 'yes' }, /body\/scope\/reports must be boolean/],
    ['a scope that is not an object', ['reports'], /body\/scope/],
  ])('refuses %s and stores nothing', async (_, scope, message) => {
    const before = await count();
    const response = await post({ ...validConnection, scope });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    expect(await count()).toBe(before);
  });

  it('takes 500 globs, and globs of 255 characters', async () => {
    const globs = Array.from({ length: 500 }, (_, i) => `Object${i}__c`);
    const long = 'x'.repeat(255);
    const response = await post({ ...validConnection, scope: { objects: { include: globs, exclude: [long] } } });
    expect(response.statusCode).toBe(202);
    expect(response.json().scope.objects).toEqual({ include: globs, exclude: [long], companions: true });
  });
});
