import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, createTestApp, type TestApp } from '../test-app.ts';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('API key authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['no key', {}],
    ['a wrong x-api-key', { 'x-api-key': 'wrong' }],
    ['a key that only shares a prefix', { 'x-api-key': API_KEY.slice(0, -1) }],
    ['a wrong Bearer token', { authorization: 'Bearer wrong' }],
    ['an empty Bearer token', { authorization: 'Bearer ' }],
    ['a wrong Basic password', { authorization: basic('admin', 'wrong') }],
    ['the key as Basic user name', { authorization: basic(API_KEY, '') }],
    ['another scheme', { authorization: `Token ${API_KEY}` }],
  ])('refuses %s with 401 UNAUTHORIZED', async (_, headers) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/connections', headers });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED', error: 'Unauthorized' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="sfmeta"/);
  });

  it.each([
    ['x-api-key', { 'x-api-key': API_KEY }],
    ['Bearer', { authorization: `Bearer ${API_KEY}` }],
    ['Basic with the key as password', { authorization: basic('anyone', API_KEY) }],
  ])('accepts the key as %s', async (_, headers) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/connections', headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [] });
  });

  it('checks the key before reading the body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/connections',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(response.statusCode).toBe(401);
  });

  it('guards unknown routes too, so they reveal nothing', async () => {
    expect((await t.app.inject({ url: '/api/v1/nothing' })).statusCode).toBe(401);
    const known = await t.app.inject({ url: '/api/v1/nothing', headers: { 'x-api-key': API_KEY } });
    expect(known.statusCode).toBe(404);
    expect(known.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves the probes and the docs open', async () => {
    for (const url of ['/healthz', '/openapi.json', '/docs', '/docs/json']) {
      expect((await t.app.inject({ url })).statusCode, url).not.toBe(401);
    }
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });

  it('asks browsers for a password on the dashboard, and opens it with Basic', async () => {
    const refused = await t.app.inject({ url: '/admin/queues' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic realm="sfmeta"/);
    const shown = await t.app.inject({ url: '/admin/queues', headers: { authorization: basic('admin', API_KEY) } });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('with no API key configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SFMETA_API_KEYS: '' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses every request rather than turning auth off', async () => {
    for (const headers of [{}, { 'x-api-key': '' }, { authorization: 'Bearer ' }, { authorization: basic('a', '') }]) {
      expect((await t.app.inject({ url: '/api/v1/connections', headers })).statusCode).toBe(401);
    }
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
