import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorize, CALLBACK, get, postForm, testApp, testOrgSpec } from './test-support.ts';

const spec = testOrgSpec({ callbackUrls: [CALLBACK, 'http://localhost:1717/OauthRedirect'] });
const exchange = (code: string, extra: Record<string, string> = {}) => ({
  grant_type: 'authorization_code',
  code,
  client_id: spec.clientId,
  client_secret: spec.clientSecret,
  redirect_uri: CALLBACK,
  ...extra,
});
const pkce = () => {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe('GET /services/oauth2/authorize and the authorization_code grant', () => {
  it('runs the web-server flow with PKCE: 302 with code and state, then the exchange', async () => {
    const { app, state } = await testApp([spec]);
    const { verifier, challenge } = pkce();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: spec.clientId,
      redirect_uri: CALLBACK,
      scope: 'api refresh_token offline_access',
      state: 's t&1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const res = await app.inject({ url: `/services/oauth2/authorize?${query}` });
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('state')).toBe('s t&1');
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^aPrx[A-Za-z0-9._]+={0,2}$/);

    const token = await postForm(app, '/services/oauth2/token', exchange(code, { code_verifier: verifier }));
    expect(token.statusCode).toBe(200);
    const body = token.json();
    const org = state.orgs.get('acme')!;
    expect(Object.keys(body)).toEqual([
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    expect(body).toMatchObject({
      scope: 'api refresh_token offline_access',
      token_type: 'Bearer',
      instance_url: 'http://localhost:80',
      id: `http://localhost:80/id/${org.org.id}/${org.org.userId}`,
    });
    expect(body.refresh_token).toMatch(/^5Aep86/);
    expect((await get(app, body.access_token, '/services/data/v62.0/limits')).statusCode).toBe(200);
    expect((await get(app, body.access_token, new URL(body.id).pathname)).statusCode).toBe(200);
    expect(org.oauthState()).toMatchObject({
      activeRefreshTokens: [body.refresh_token],
      activeAccessTokens: 1,
      pendingCodes: 0,
    });
    expect(org.counters).toMatchObject({
      authorizations: 1,
      byKind: { oauth_authorize: 1, oauth_token: 1 },
      grants: { authorization_code: 1 },
      logins: 1,
    });
  });

  it('rejects a code used twice, even after the first exchange failed', async () => {
    const { app } = await testApp([spec]);
    const code = (await authorize(app, {}, spec)).get('code')!;
    expect((await postForm(app, '/services/oauth2/token', exchange(code))).statusCode).toBe(200);
    const again = await postForm(app, '/services/oauth2/token', exchange(code));
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });

    const { verifier, challenge } = pkce();
    const pkceCode = (await authorize(app, { code_challenge: challenge }, spec)).get('code')!;
    const wrong = await postForm(app, '/services/oauth2/token', exchange(pkceCode, { code_verifier: pkce().verifier }));
    expect(wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid code verifier' });
    const right = await postForm(app, '/services/oauth2/token', exchange(pkceCode, { code_verifier: verifier }));
    expect(right.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
  });

  it(
    'rejects a missing verifier, a redirect_uri differing from authorize, ' + 'an unknown and an expired code',
    async () => {
      const { app, state } = await testApp([spec]);
      const missing = (await authorize(app, { code_challenge: pkce().challenge }, spec)).get('code')!;
      expect((await postForm(app, '/services/oauth2/token', exchange(missing))).json()).toEqual({
        error: 'invalid_grant',
        error_description: 'invalid code verifier',
      });

      const other = (await authorize(app, { redirect_uri: 'http://localhost:1717/OauthRedirect' }, spec)).get('code')!;
      const mismatch = await postForm(app, '/services/oauth2/token', exchange(other));
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json()).toEqual({
        error: 'redirect_uri_mismatch',
        error_description: 'redirect_uri must match configuration',
      });

      expect((await postForm(app, '/services/oauth2/token', exchange('aPrxnope=='))).json().error_description).toBe(
        'invalid authorization code',
      );

      state.orgs.get('acme')!.setOAuth({ codeTtlMs: 0 });
      const stale = (await authorize(app, {}, spec)).get('code')!;
      expect((await postForm(app, '/services/oauth2/token', exchange(stale))).json()).toEqual({
        error: 'invalid_grant',
        error_description: 'invalid authorization code',
      });
    },
  );

  it('checks the client secret like the password grant', async () => {
    const { app } = await testApp([spec]);
    const code = (await authorize(app, {}, spec)).get('code')!;
    const res = await postForm(app, '/services/oauth2/token', exchange(code, { client_secret: 'nope' }));
    expect(res.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });

  it('redirects with access_denied and the state when the user denies', async () => {
    const { app, state } = await testApp([spec]);
    state.orgs.get('acme')!.setOAuth({ denyAuthorization: true });
    const res = await app.inject({
      url:
        `/services/oauth2/authorize?response_type=code&client_id=${spec.clientId}` +
        `&redirect_uri=${encodeURIComponent(CALLBACK)}&state=abc`,
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(
      `${CALLBACK}?error=access_denied&error_description=end-user+denied+authorization&state=abc`,
    );
  });

  it('answers an error page, not a redirect, for an unknown client or a foreign redirect_uri', async () => {
    const { app, state } = await testApp([spec]);
    const unknown = await app.inject({
      url: `/services/oauth2/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(CALLBACK)}`,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers.location).toBeUndefined();
    expect(unknown.headers['content-type']).toMatch(/^text\/html/);
    expect(unknown.body).toContain('error=invalid_client_id');
    const foreign = await app.inject({
      url:
        `/services/oauth2/authorize?response_type=code&client_id=${spec.clientId}` +
        `&redirect_uri=${encodeURIComponent('https://evil.test/cb')}`,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('error=redirect_uri_mismatch');
    state.orgs.get('acme')!.setOAuth({ clientDeleted: true });
    const deleted = await app.inject({
      url:
        `/services/oauth2/authorize?response_type=code&client_id=${spec.clientId}` +
        `&redirect_uri=${encodeURIComponent(CALLBACK)}`,
    });
    expect(deleted.statusCode).toBe(400);
    expect(deleted.body).toContain('error=invalid_client_id');
    expect(state.orgs.get('acme')!.counters.authorizations).toBe(2);
  });

  it('redirects with unsupported_response_type for response_type=token', async () => {
    const { app } = await testApp([spec]);
    const res = await app.inject({
      url:
        `/services/oauth2/authorize?response_type=token&client_id=${spec.clientId}` +
        `&redirect_uri=${encodeURIComponent(CALLBACK)}&state=q`,
    });
    expect(res.statusCode).toBe(302);
    const params = new URL(res.headers.location as string).searchParams;
    expect(params.get('error')).toBe('unsupported_response_type');
    expect(params.get('state')).toBe('q');
  });

  it('accepts any redirect_uri when the org lists no callback URLs', async () => {
    const { app } = await testApp();
    const params = await authorize(app, { redirect_uri: 'https://anything.test/cb' });
    expect(params.get('code')).toMatch(/^aPrx/);
  });
});
