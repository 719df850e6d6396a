import { describe, expect, it } from 'vitest';
import { get, login, postForm, testApp, testOrgSpec, webServerLogin } from './test-support.ts';

const spec = testOrgSpec();
const LIMITS = '/services/data/v62.0/limits';
const refresh = (refreshToken: string, extra: Record<string, string> = {}) => ({
  grant_type: 'refresh_token',
  refresh_token: refreshToken,
  client_id: spec.clientId,
  ...extra,
});
const EXPIRED = { error: 'invalid_grant', error_description: 'expired access/refresh token' };

describe('the refresh_token grant', () => {
  it('issues a new access token without a refresh token when rotation is off; the old one keeps working', async () => {
    const { app, state } = await testApp();
    const first = await webServerLogin(app);
    for (const extra of [{}, { client_secret: spec.clientSecret }] as Record<string, string>[]) {
      const res = await postForm(app, '/services/oauth2/token', refresh(first.refresh_token, extra));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body)).toEqual([
        'access_token',
        'signature',
        'scope',
        'instance_url',
        'id',
        'token_type',
        'issued_at',
      ]);
      expect(body.access_token).not.toBe(first.access_token);
      expect((await get(app, body.access_token, LIMITS)).statusCode).toBe(200);
      expect((await get(app, body.access_token, new URL(body.id).pathname)).statusCode).toBe(200);
    }
    expect(state.orgs.get('acme')!.oauthState().activeRefreshTokens).toEqual([first.refresh_token]);
  });

  it('rejects a wrong client secret when one is sent', async () => {
    const { app } = await testApp();
    const { refresh_token } = await webServerLogin(app);
    const res = await postForm(app, '/services/oauth2/token', refresh(refresh_token, { client_secret: 'nope' }));
    expect(res.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });

  it('rotates: the new refresh token replaces the old, whose reuse fails and is counted', async () => {
    const { app, state } = await testApp();
    const org = state.orgs.get('acme')!;
    org.setOAuth({ rotateRefreshTokens: true });
    const first = await webServerLogin(app);
    const res = await postForm(app, '/services/oauth2/token', refresh(first.refresh_token));
    const body = res.json();
    expect(body.refresh_token).toMatch(/^5Aep86/);
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(org.oauthState().activeRefreshTokens).toEqual([body.refresh_token]);
    const stale = await postForm(app, '/services/oauth2/token', refresh(first.refresh_token));
    expect(stale.statusCode).toBe(400);
    expect(stale.json()).toEqual(EXPIRED);
    expect(org.counters.staleRefreshTokenUses).toBe(1);
    expect((await postForm(app, '/services/oauth2/token', refresh(body.refresh_token))).statusCode).toBe(200);
    expect((await postForm(app, '/services/oauth2/token', refresh('5Aep86garbage'))).json()).toEqual(EXPIRED);
    expect(org.counters.staleRefreshTokenUses).toBe(1);
  });

  it(
    'answers inactive_user for every grant when the user is inactive, ' +
      'and invalid_client_id once the app is deleted',
    async () => {
      const { app, state } = await testApp();
      const org = state.orgs.get('acme')!;
      const { refresh_token } = await webServerLogin(app);
      org.setOAuth({ userActive: false });
      const inactive = { error: 'inactive_user', error_description: 'user is inactive' };
      expect((await postForm(app, '/services/oauth2/token', refresh(refresh_token))).json()).toEqual(inactive);
      await expect(login(app)).rejects.toThrow(/inactive_user/);
      await expect(webServerLogin(app)).rejects.toThrow(/inactive_user/);
      org.setOAuth({ userActive: true, clientDeleted: true });
      const deleted = await postForm(app, '/services/oauth2/token', refresh(refresh_token));
      expect(deleted.statusCode).toBe(400);
      expect(deleted.json()).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
      org.setOAuth({ clientDeleted: false });
      expect((await postForm(app, '/services/oauth2/token', refresh(refresh_token))).statusCode).toBe(200);
    },
  );
});

describe('POST /services/oauth2/revoke', () => {
  it('revoking a refresh token kills it and the access tokens issued from it', async () => {
    const { app, state } = await testApp();
    const org = state.orgs.get('acme')!;
    const first = await webServerLogin(app);
    const second = (await postForm(app, '/services/oauth2/token', refresh(first.refresh_token))).json();
    const password = await login(app);
    const res = await postForm(app, '/services/oauth2/revoke', { token: first.refresh_token });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    for (const token of [first.access_token, second.access_token]) {
      const rest = await get(app, token, LIMITS);
      expect(rest.statusCode).toBe(401);
      expect(rest.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    expect((await get(app, password, LIMITS)).statusCode).toBe(200);
    expect((await postForm(app, '/services/oauth2/token', refresh(first.refresh_token))).json()).toEqual(EXPIRED);
    expect(org.counters).toMatchObject({ revocations: 1, staleRefreshTokenUses: 1, expiredTokens: 0 });
    expect(org.oauthState()).toMatchObject({ activeRefreshTokens: [], activeAccessTokens: 1 });
  });

  it('revoking an access token kills just it; unknown or dead tokens get invalid_token', async () => {
    const { app } = await testApp();
    const first = await webServerLogin(app);
    expect((await postForm(app, '/services/oauth2/revoke', { token: first.access_token })).statusCode).toBe(200);
    expect((await get(app, first.access_token, LIMITS)).statusCode).toBe(401);
    const next = (await postForm(app, '/services/oauth2/token', refresh(first.refresh_token))).json();
    expect((await get(app, next.access_token, LIMITS)).statusCode).toBe(200);
    for (const token of [first.access_token, 'nope']) {
      const res = await postForm(app, '/services/oauth2/revoke', { token });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'invalid_token', error_description: 'invalid token' });
    }
  });

  it('revokeRefreshTokens() revokes every refresh token and its access tokens', async () => {
    const { app, state } = await testApp();
    const org = state.orgs.get('acme')!;
    const a = await webServerLogin(app);
    const b = await webServerLogin(app);
    expect(org.oauthState()).toMatchObject({
      activeRefreshTokens: [a.refresh_token, b.refresh_token],
      activeAccessTokens: 2,
    });
    org.revokeRefreshTokens();
    expect(org.oauthState()).toMatchObject({ activeRefreshTokens: [], activeAccessTokens: 0 });
    expect((await get(app, b.access_token, LIMITS)).statusCode).toBe(401);
    expect((await postForm(app, '/services/oauth2/token', refresh(a.refresh_token))).json()).toEqual(EXPIRED);
  });
});

describe('access-token expiry and OAuth counters', () => {
  it('expires access tokens accessTokenTtlMs after issue; a refresh gets a working one', async () => {
    const { app, state } = await testApp();
    const org = state.orgs.get('acme')!;
    org.setOAuth({ accessTokenTtlMs: 40 });
    const { access_token, refresh_token, id } = await webServerLogin(app);
    expect((await get(app, access_token, LIMITS)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await get(app, access_token, LIMITS)).statusCode).toBe(401);
    expect((await get(app, access_token, new URL(id).pathname)).statusCode).toBe(403);
    const fresh = (await postForm(app, '/services/oauth2/token', refresh(refresh_token))).json();
    expect((await get(app, fresh.access_token, LIMITS)).statusCode).toBe(200);
    expect(org.counters.expiredTokens).toBe(1);
  });

  it('counts grants, failed grants and distinct expired tokens, and resets them', async () => {
    const { app, state } = await testApp();
    const org = state.orgs.get('acme')!;
    const { refresh_token } = await webServerLogin(app);
    org.resetCounters();
    org.setFaults({ sessionTtlCalls: 1 });
    // Three expiries, each met by several rejected calls and exactly one refresh.
    for (let i = 0; i < 3; i++) {
      const token = (await postForm(app, '/services/oauth2/token', refresh(refresh_token))).json().access_token;
      expect((await get(app, token, LIMITS)).statusCode).toBe(200);
      expect((await get(app, token, LIMITS)).statusCode).toBe(401);
      expect((await get(app, token, LIMITS)).statusCode).toBe(401);
    }
    const fresh = (await postForm(app, '/services/oauth2/token', refresh(refresh_token))).json().access_token;
    org.expireSessions();
    expect((await get(app, fresh, LIMITS)).statusCode).toBe(401);
    await postForm(app, '/services/oauth2/token', refresh('5Aep86unknown'));
    await postForm(app, '/services/oauth2/token', { grant_type: 'magic', client_id: spec.clientId });
    await login(app);
    expect(org.counters).toMatchObject({
      grants: { refresh_token: 5, password: 1, authorization_code: 0, magic: 1 },
      failedGrants: { refresh_token: 1, password: 0, authorization_code: 0, magic: 1 },
      expiredTokens: 4,
      logins: 5,
      failedLogins: 2,
      byKind: { oauth_token: 7 },
    });
    expect(org.counters.grants.refresh_token - org.counters.failedGrants.refresh_token).toBe(
      org.counters.expiredTokens,
    );
    org.resetCounters();
    expect(org.counters).toMatchObject({
      grants: { refresh_token: 0 },
      failedGrants: { refresh_token: 0 },
      expiredTokens: 0,
      staleRefreshTokenUses: 0,
      revocations: 0,
      authorizations: 0,
    });
    expect(org.counters.grants).not.toHaveProperty('magic');
  });
});
