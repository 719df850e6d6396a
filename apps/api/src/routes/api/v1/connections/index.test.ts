import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestApp, validConnection, type TestApp } from '../../../../test-app.ts';

const secrets = [validConnection.password, validConnection.securityToken, validConnection.consumerSecret];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: { ...auth, ...headers }, payload: payload as string });
const count = async () => (await t.app.stores.connections.list()).length;

/** Every key and value under the test's queue prefix, as one text. */
async function redisDump(): Promise<string> {
  const redis = t.app.redis;
  const keys = await redis.keys(`${t.prefix}:*`);
  const parts: string[] = [...keys];
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') parts.push(String(await redis.get(key)));
    if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
    if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
    if (type === 'set') parts.push(...(await redis.smembers(key)));
    if (type === 'zset') parts.push(...(await redis.zrange(key, 0, -1)));
    if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return parts.join('\n');
}

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
      ['id', 'host', 'authType', 'consumerKey', 'username', 'status', 'statusReason', 'orgId', 'userId',
        'instanceUrl', 'createdAt', 'updatedAt', 'connectedAt'].sort(),
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
    expect(shown.json()).toEqual(body);
    const listed = await t.app.inject({ url: '/api/v1/connections', headers: auth });
    expect(listed.json().items).toContainEqual(body);

    const dump = await redisDump();
    expect(dump).toContain(body.id);
    for (const text of [response.body, shown.body, listed.body, dump]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('admits the allow-listed simulator origin as it is', async () => {
    const response = await post({ ...validConnection, host: 'http://127.0.0.1:4010/', securityToken: undefined });
    expect(response.statusCode).toBe(202);
    expect(response.json().host).toBe('http://127.0.0.1:4010');
  });

  const cases: Array<[string, unknown, Record<string, string>, number, string, RegExp?]> = [
    ['a missing host', { ...validConnection, host: undefined }, {}, 400, 'VALIDATION_FAILED', /body must have required property 'host'/],
    ['a missing password', { ...validConnection, password: undefined }, {}, 400, 'VALIDATION_FAILED', /password/],
    ['an empty username', { ...validConnection, username: '' }, {}, 400, 'VALIDATION_FAILED', /body\/username/],
    ['a host of the wrong type', { ...validConnection, host: 42 }, {}, 400, 'VALIDATION_FAILED', /^body\/host must be string$/],
    ['a password of the wrong type', { ...validConnection, password: 12345 }, {}, 400, 'VALIDATION_FAILED', /body\/password/],
    ['an extra property', { ...validConnection, isAdmin: true }, {}, 400, 'VALIDATION_FAILED', /additional properties: isAdmin/],
    ['an unsupported auth type', { ...validConnection, authType: 'oauth' }, {}, 400, 'VALIDATION_FAILED', /authType/],
    ['an array body', [validConnection], {}, 400, 'VALIDATION_FAILED'],
    ['an oversized password', { ...validConnection, password: 'x'.repeat(256) }, {}, 400, 'VALIDATION_FAILED', /password/],
    ['a body over the limit', { ...validConnection, password: 'x'.repeat(20_000) }, {}, 413, 'BODY_TOO_LARGE'],
    ['a body that is not JSON', '{"host": ', { 'content-type': 'application/json' }, 400, 'INVALID_JSON'],
    ['an empty JSON body', '', { 'content-type': 'application/json' }, 400, 'INVALID_JSON'],
    ['a text/plain body', JSON.stringify(validConnection), { 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form body', 'host=acme.my.salesforce.com', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a non-Salesforce host', { ...validConnection, host: 'evil.com' }, {}, 400, 'HOST_NOT_ALLOWED', /not a Salesforce login host/],
    ['a look-alike host', { ...validConnection, host: 'login.salesforce.com.evil.com' }, {}, 400, 'HOST_NOT_ALLOWED'],
    ['a plain http host', { ...validConnection, host: 'http://acme.my.salesforce.com' }, {}, 400, 'HOST_NOT_ALLOWED', /https/],
    ['a Lightning host', { ...validConnection, host: 'acme.lightning.force.com' }, {}, 400, 'HOST_NOT_ALLOWED', /My Domain/],
    ['a private IP', { ...validConnection, host: '10.1.2.3' }, {}, 400, 'HOST_NOT_ALLOWED', /private/],
    ['a loopback IP in decimal', { ...validConnection, host: 'https://2130706433' }, {}, 400, 'HOST_NOT_ALLOWED', /loopback/],
    ['the metadata service', { ...validConnection, host: '169.254.169.254' }, {}, 400, 'HOST_NOT_ALLOWED', /link-local/],
    ['a link-local IPv6', { ...validConnection, host: 'https://[fe80::1]' }, {}, 400, 'HOST_NOT_ALLOWED', /link-local/],
  ];

  it.each(cases)('refuses %s and stores nothing', async (_, payload, headers, status, code, message) => {
    const before = await count();
    const jobsBefore = await t.app.queues.connect.count();
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
  });
});

describe('GET and DELETE /api/v1/connections/:id', () => {
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
