import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auth,
  authorizeUrlFor,
  createTestApp,
  recordingLogger,
  redisDump,
  type TestApp,
} from '../../../../test-app.ts';

const CODE = 'aPrxSECRET-authorization-code-1f9c%3D%3D';
const CALLBACK = '/api/v1/oauth/from_oauth/';
const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

const callback = (
  t: TestApp,
  query: Record<string, string>,
  headers: Record<string, string> = browser,
  url = CALLBACK,
) => t.app.inject({ method: 'GET', url, query, headers });

const connection = async (t: TestApp, id: string) => (await t.app.stores.connections.get(id))!;
const connectJobs = async (t: TestApp) =>
  (await t.app.queues.connect.getJobs(['waiting', 'delayed', 'active'])).map((job) => job.data);

describe('GET /api/v1/oauth/from_oauth/', () => {
  let t: TestApp;
  const { logger, lines: logLines } = recordingLogger();
  beforeAll(async () => {
    t = await createTestApp({}, { logger });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the code for the connect job, queues the job with the connection id only, and shows a page', async () => {
    const { id, state, challenge } = await authorizeUrlFor(t);
    const response = await callback(t, { code: CODE, state });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('Authorization received');
    expect(response.body).toContain(id);
    expect(response.body).not.toMatch(/<script/i);

    const jobs = await t.app.queues.connect.getJobs(['waiting']);
    const job = jobs.find((candidate) => candidate.data.connectionId === id);
    expect(job?.name).toBe('connect');
    expect(job?.data).toEqual({ connectionId: id });
    expect((await connection(t, id)).status).toBe('pending');

    const dump = await redisDump(t);
    expect(dump).toContain(id);
    for (const secret of [CODE, state]) {
      expect(dump).not.toContain(secret);
      expect(response.body).not.toContain(secret);
    }
    // What the worker will exchange: the code with the verifier of this authorize URL.
    const grant = await t.app.stores.connections.takeAuthorizationCode(id);
    expect(grant?.code).toBe(CODE);
    expect(grant?.redirectUri).toBe(`${t.app.config.api.publicBaseUrl}${CALLBACK}`);
    expect(
      createHash('sha256')
        .update(grant?.codeVerifier as string)
        .digest('base64url'),
    ).toBe(challenge);
  });

  it('refuses a replayed state with 400 INVALID_STATE and changes nothing', async () => {
    const { id, state } = await authorizeUrlFor(t);
    expect((await callback(t, { code: CODE, state })).statusCode).toBe(200);
    const before = await connection(t, id);
    const jobsBefore = await t.app.queues.connect.count();

    const replayed = await callback(t, { code: 'another-code', state }, {});
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json()).toMatchObject({ statusCode: 400, code: 'INVALID_STATE' });
    expect(replayed.headers['cache-control']).toBe('no-store');
    expect(await connection(t, id)).toEqual(before);
    expect(await t.app.queues.connect.count()).toBe(jobsBefore);
    expect((await t.app.stores.connections.takeAuthorizationCode(id))?.code).toBe(CODE);
  });

  it.each([
    ['a forged state', { code: CODE, state: 'forged-state-value' }],
    ['no state', { code: CODE }],
    ['an error with a forged state', { error: 'access_denied', state: 'forged-state-value' }],
    ['an error with no state', { error: 'access_denied', error_description: 'end-user denied authorization' }],
  ])('refuses %s with 400 INVALID_STATE and leaves the connection as it was', async (_, query) => {
    const { id, state } = await authorizeUrlFor(t);
    const before = await connection(t, id);
    const jobsBefore = await t.app.queues.connect.count();
    const response = await callback(t, query, { accept: 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'INVALID_STATE', error: 'Bad Request' });
    expect(await connection(t, id)).toEqual(before);
    expect(await t.app.queues.connect.count()).toBe(jobsBefore);
    // The real state still works afterwards.
    expect((await callback(t, { code: CODE, state })).statusCode).toBe(200);
  });

  it('shows browsers a page for an invalid state', async () => {
    const response = await callback(t, { code: CODE, state: 'forged-<b>state</b>' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.body).toContain('Authorization not completed');
    expect(response.body).toMatch(/unknown, expired or already used/);
    expect(response.body).not.toContain('forged-');
  });

  it(
    'marks the connection failed AUTHORIZATION_DENIED when the user denies access, ' + 'and consumes the state',
    async () => {
      const { id, state } = await authorizeUrlFor(t);
      const jobsBefore = await t.app.queues.connect.count();
      const response = await callback(t, {
        error: 'access_denied',
        error_description: 'end-user denied authorization',
        state,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toContain('Authorization denied');
      expect(response.body).toContain('access_denied: end-user denied authorization');
      const failed = await connection(t, id);
      expect(failed.status).toBe('failed');
      expect(failed.statusCode).toBe('AUTHORIZATION_DENIED');
      expect(failed.statusMessage).toContain('access_denied: end-user denied authorization');
      expect(failed.statusMessage).toContain(`/api/v1/connections/${id}/reauthorize`);
      expect(await t.app.queues.connect.count()).toBe(jobsBefore);

      const shown = (await t.app.inject({ url: `/api/v1/connections/${id}`, headers: auth })).json();
      expect(shown.statusReason.code).toBe('AUTHORIZATION_DENIED');
      expect(shown.actions).toEqual({ reauthorize: `/api/v1/connections/${id}/reauthorize` });
      expect((await callback(t, { code: CODE, state })).statusCode).toBe(400);
    },
  );

  it('marks the connection failed AUTHORIZATION_FAILED for other errors and escapes what it echoes', async () => {
    const { id, state } = await authorizeUrlFor(t);
    const response = await callback(t, {
      error: 'server_error',
      error_description: '<script>alert(1)</script>',
      state,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Authorization failed');
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(response.body).not.toContain('<script>');
    expect((await connection(t, id)).statusCode).toBe('AUTHORIZATION_FAILED');
  });

  it.each([
    ['a NUL', 'a\u0000b', 'a b'],
    ['control characters', 'bad\u0007\u001b[31mscope\r\n', 'bad [31mscope '],
  ])('marks the connection failed with a storable reason when the error text carries %s', async (_, text, stored) => {
    const { id, state } = await authorizeUrlFor(t);
    const response = await t.app.inject({
      url:
        `${CALLBACK}?state=${state}&error=server_error${encodeURIComponent(text)}` +
        `&error_description=${encodeURIComponent(text)}`,
      headers: browser,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Authorization failed');
    const failed = await connection(t, id);
    expect(failed).toMatchObject({ status: 'failed', statusCode: 'AUTHORIZATION_FAILED' });
    expect(failed.statusMessage).toContain(`Salesforce answered server_error${stored}: ${stored};`);
    expect((await callback(t, { code: CODE, state })).statusCode).toBe(400);
  });

  it('takes the path without its trailing slash and tolerates the extra parameters Salesforce adds', async () => {
    const { id, state } = await authorizeUrlFor(t);
    const response = await callback(
      t,
      { code: CODE, state, sfdc_community_url: 'https://acme.my.site.com', sfdc_community_id: '0DB000000000001' },
      browser,
      CALLBACK.slice(0, -1),
    );
    expect(response.statusCode).toBe(200);
    expect((await connection(t, id)).status).toBe('pending');
  });

  it.each([
    ['neither code nor error', {}],
    ['an oversized code', { code: 'x'.repeat(2049) }],
    ['a NUL in the code', { code: 'a\u0000b' }],
    ['a blank code', { code: '  ' }],
    ['a NUL in the code next to an error', { code: '\u0000', error: 'access_denied' }],
  ])('refuses %s with 400 VALIDATION_FAILED without using up the state', async (_, query) => {
    const { id, state } = await authorizeUrlFor(t);
    const response = await callback(t, { ...query, state }, {});
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect((await connection(t, id)).status).toBe('awaiting_authorization');
    expect((await callback(t, { code: CODE, state })).statusCode).toBe(200);
  });

  it('never logs the code or the state, though it logs the request', async () => {
    const { state } = await authorizeUrlFor(t);
    logLines.length = 0;
    await callback(t, { code: CODE, state });
    await callback(t, { code: CODE, state }, {});
    await callback(t, { code: CODE, state }, browser, CALLBACK.slice(0, -1));
    const log = logLines.join('');
    expect(log).toContain('"url":"/api/v1/oauth/from_oauth/"');
    expect(log).toContain('"url":"/api/v1/oauth/from_oauth"');
    expect(log).toContain('request refused');
    expect(log).not.toContain(CODE);
    expect(log).not.toContain(state);
    expect(log).not.toContain('aPrxSECRET');
  });
});

describe('with an expired state', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SFMETA_OAUTH_STATE_TTL_SECONDS: '30' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the callback with 400 INVALID_STATE and changes nothing', async () => {
    const { id, state } = await authorizeUrlFor(t);
    const { rows } = await t.app.database.query('SELECT expires_at FROM oauth_states WHERE connection_id = $1', [id]);
    expect((rows[0].expires_at.getTime() - Date.now()) / 1000).toBeLessThanOrEqual(30);
    await t.app.database.query(
      `UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE connection_id = $1`,
      [id],
    );
    const before = await connection(t, id);
    for (const query of [
      { code: CODE, state },
      { error: 'access_denied', state },
    ] as Array<Record<string, string>>) {
      const response = await callback(t, query, {});
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('INVALID_STATE');
    }
    expect(await connection(t, id)).toEqual(before);
    expect(await connectJobs(t)).toEqual([]);
  });
});

describe('with a return URL configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SFMETA_OAUTH_RETURN_URL: 'https://app.example/connections/done?tab=orgs' });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['authorized', { code: CODE }],
    ['denied', { error: 'access_denied' }],
    ['error', { error: 'invalid_request', error_description: 'bad scope' }],
  ])('redirects with outcome=%s', async (outcome, query) => {
    const { id, state } = await authorizeUrlFor(t);
    const response = await callback(t, { ...query, state });
    expect(response.statusCode).toBe(302);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const location = new URL(response.headers.location as string);
    expect(location.origin + location.pathname).toBe('https://app.example/connections/done');
    expect(Object.fromEntries(location.searchParams)).toEqual({ tab: 'orgs', connectionId: id, outcome });
    expect(response.headers.location).not.toContain(state);
  });

  it('still answers 400 for an invalid state rather than redirecting', async () => {
    expect((await callback(t, { code: CODE, state: 'forged' })).statusCode).toBe(400);
  });
});
