import { createHash, randomBytes } from 'node:crypto';
import jsforce, { OAuth2 } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator.ts';
import { CALLBACK, testOrgSpec } from './test-support.ts';

const spec = testOrgSpec({ callbackUrls: [CALLBACK] });
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ orgs: [spec] });
});
afterAll(async () => {
  await sim.close();
});

/** Follows the authorize URL like a browser would, up to the callback, and returns the code. */
async function codeFrom(authorizeUrl: string): Promise<string> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

describe('jsforce 3.10.16 web-server flow against the simulator', () => {
  it('exchanges a code with a PKCE verifier, then refreshes', async () => {
    const oauth2 = new OAuth2({
      loginUrl: sim.url,
      clientId: spec.clientId,
      clientSecret: spec.clientSecret,
      redirectUri: CALLBACK,
    });
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await codeFrom(
      oauth2.getAuthorizationUrl({
        scope: 'api refresh_token offline_access',
        state: 'st',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    await expect(oauth2.requestToken(code, { code_verifier: 'wrong' })).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'invalid code verifier',
    });
    const code2 = await codeFrom(
      oauth2.getAuthorizationUrl({ scope: 'api refresh_token offline_access', code_challenge: challenge }),
    );
    const token = await oauth2.requestToken(code2, { code_verifier: verifier });
    expect(token).toMatchObject({
      instance_url: sim.url,
      token_type: 'Bearer',
      scope: 'api refresh_token offline_access',
    });
    expect(token.refresh_token).toMatch(/^5Aep86/);
    const refreshed = await oauth2.refreshToken(token.refresh_token!);
    expect(refreshed.access_token).not.toBe(token.access_token);
    expect(sim.org('acme').counters.grants).toMatchObject({ authorization_code: 2, refresh_token: 1 });
  });

  it('works with jsforce generating the verifier itself (challenge without a method means S256)', async () => {
    const oauth2 = new OAuth2({
      loginUrl: sim.url,
      clientId: spec.clientId,
      clientSecret: spec.clientSecret,
      redirectUri: CALLBACK,
      useVerifier: true,
    });
    const code = await codeFrom(oauth2.getAuthorizationUrl({ scope: 'api refresh_token' }));
    const token = await oauth2.requestToken(code);
    expect(token.refresh_token).toBeDefined();
  });

  it(
    'refreshes once per expired session; ' + 'jsforce drops a rotated refresh token unless the refresh event saves it',
    async () => {
      const org = sim.org('acme');
      org.revokeRefreshTokens();
      org.setOAuth({ rotateRefreshTokens: true });
      const oauth2 = new OAuth2({
        loginUrl: sim.url,
        clientId: spec.clientId,
        clientSecret: spec.clientSecret,
        redirectUri: CALLBACK,
      });
      const token = await oauth2.requestToken(
        await codeFrom(oauth2.getAuthorizationUrl({ scope: 'api refresh_token' })),
      );
      const conn = new jsforce.Connection({
        oauth2,
        instanceUrl: token.instance_url,
        accessToken: token.access_token,
        refreshToken: token.refresh_token,
        version: '62.0',
      });
      let stored = token.refresh_token!;
      conn.on('refresh', (_accessToken: string, response: { refresh_token?: string }) => {
        if (response.refresh_token) conn.refreshToken = stored = response.refresh_token;
      });
      org.resetCounters();
      for (let i = 0; i < 2; i++) {
        org.expireSessions();
        await Promise.all([conn.limits(), conn.limits(), conn.limits()]);
      }
      expect(org.counters.expiredTokens).toBe(2);
      expect(org.counters.grants.refresh_token).toBe(org.counters.expiredTokens);
      expect(org.oauthState().activeRefreshTokens).toEqual([stored]);
      expect(stored).not.toBe(token.refresh_token);
      expect(org.counters.staleRefreshTokenUses).toBe(0);

      // Without saving it, jsforce keeps refreshing with the rotated-out token.
      const careless = new jsforce.Connection({
        oauth2,
        instanceUrl: token.instance_url,
        accessToken: token.access_token,
        refreshToken: stored,
        version: '62.0',
      });
      org.expireSessions();
      await careless.limits();
      org.expireSessions();
      await expect(careless.limits()).rejects.toThrow(/expired access\/refresh token/);
      expect(org.counters.staleRefreshTokenUses).toBe(1);
      org.setOAuth({ rotateRefreshTokens: false });
    },
  );
});
