import { describe, expect, it } from 'vitest';
import { testApp, testOrgSpec } from './test-support.ts';

const spec = testOrgSpec();
const form = (params: Record<string, string>) => ({
  method: 'POST' as const,
  url: '/services/oauth2/token',
  payload: new URLSearchParams(params).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const good = {
  grant_type: 'password',
  client_id: spec.clientId,
  client_secret: spec.clientSecret,
  username: spec.username,
  password: spec.password + spec.securityToken,
};

describe('POST /services/oauth2/token', () => {
  it('issues a token for the password grant', async () => {
    const { app, state } = await testApp();
    const res = await app.inject(form(good));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
    const body = res.json();
    const org = state.orgs.get('acme')!.org;
    expect(Object.keys(body)).toEqual(['access_token', 'instance_url', 'id', 'token_type', 'issued_at', 'signature']);
    expect(body.access_token).toMatch(new RegExp(`^${org.id.slice(0, 15)}!`));
    expect(body.instance_url).toBe('http://localhost:80');
    expect(body.id).toBe(`http://localhost:80/id/${org.id}/${org.userId}`);
    expect(body.token_type).toBe('Bearer');
    expect(body.issued_at).toMatch(/^\d{13}$/);
    expect(Buffer.from(body.signature, 'base64')).toHaveLength(32);
    expect(state.orgs.get('acme')!.counters).toMatchObject({
      total: 1,
      logins: 1,
      failedLogins: 0,
      byKind: { oauth_token: 1 },
    });
  });

  it.each([
    ['unknown client_id', { client_id: 'nope' }, 'invalid_client_id', 'client identifier invalid'],
    ['bad client secret', { client_secret: 'nope' }, 'invalid_client', 'invalid client credentials'],
    ['bad username', { username: 'x@y.z' }, 'invalid_grant', 'authentication failure'],
    ['password without token', { password: spec.password }, 'invalid_grant', 'authentication failure'],
    ['unknown grant type', { grant_type: 'magic' }, 'unsupported_grant_type', 'grant type not supported'],
  ])('answers 400 for %s', async (_case, change, error, description) => {
    const { app } = await testApp();
    const res = await app.inject(form({ ...good, ...change }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error, error_description: description });
  });

  it('counts failed logins on the org named by client_id', async () => {
    const { app, state } = await testApp();
    await app.inject(form({ ...good, password: 'wrong' }));
    expect(state.orgs.get('acme')!.counters).toMatchObject({ total: 1, logins: 0, failedLogins: 1 });
  });

  it('serves the identity URL with the token', async () => {
    const { app } = await testApp();
    const token = (await app.inject(form(good))).json();
    const res = await app.inject({
      url: new URL(token.id).pathname,
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: spec.username,
      active: true,
      user_type: 'STANDARD',
      urls: { rest: 'http://localhost:80/services/data/v{version}/' },
    });
  });
});
