import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from '../../admin-client.ts';
import { DEFAULT_OAUTH_SETTINGS } from '../../runtime/oauth-settings.ts';
import { startSimulator, type Simulator } from '../../simulator.ts';
import { adminRequest, httpLogin, httpWebServerLogin, restGet, tokenRequest } from '../../test-http.ts';
import { CALLBACK, testOrgSpec } from '../../test-support.ts';

const spec = testOrgSpec({ callbackUrls: [CALLBACK] });
let sim: Simulator;
let admin: SimulatorAdminClient;
beforeEach(async () => {
  sim = await startSimulator({ orgs: [spec] });
  admin = new SimulatorAdminClient({ url: sim.url });
});
afterEach(() => sim.close());

const refresh = (refreshToken: string) =>
  tokenRequest(sim.url, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: spec.clientId,
    client_secret: spec.clientSecret,
  });

describe('the admin OAuth routes', () => {
  it('POST expire-sessions ends every access token of the org; its refresh tokens keep working', async () => {
    const { access_token, refresh_token } = await httpWebServerLogin(sim.url, spec);
    const password = await httpLogin(sim.url, spec);
    expect((await restGet(sim.url, access_token, '/limits')).status).toBe(200);

    const state = await admin.expireSessions('acme');
    expect(state).toMatchObject({ activeAccessTokens: 0, activeRefreshTokens: [refresh_token] });
    expect((await restGet(sim.url, access_token, '/limits')).status).toBe(401);
    expect((await restGet(sim.url, password, '/limits')).status).toBe(401);
    expect((await refresh(refresh_token)).status).toBe(200);
  });

  it('POST revoke-refresh-tokens kills the refresh tokens and the access tokens issued from them', async () => {
    const { access_token, refresh_token } = await httpWebServerLogin(sim.url, spec);
    const state = await admin.revokeRefreshTokens('acme');
    expect(state).toMatchObject({ activeRefreshTokens: [], activeAccessTokens: 0 });
    expect((await restGet(sim.url, access_token, '/limits')).status).toBe(401);
    const refused = await refresh(refresh_token);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('GET reads the OAuth state; PATCH changes the settings it names and refuses invalid ones', async () => {
    expect(await admin.oauth('acme')).toEqual({
      settings: DEFAULT_OAUTH_SETTINGS,
      activeRefreshTokens: [],
      activeAccessTokens: 0,
      pendingCodes: 0,
    });
    const changed = await admin.setOAuth('acme', { userActive: false, accessTokenTtlMs: 60_000 });
    expect(changed.settings).toEqual({ ...DEFAULT_OAUTH_SETTINGS, userActive: false, accessTokenTtlMs: 60_000 });
    await expect(httpLogin(sim.url, spec)).rejects.toThrow(/inactive_user/);

    for (const [body, message] of [
      ['{"accessTokenTtlMs":-1}', 'accessTokenTtlMs must be >= 0'],
      ['{"userActive":"no"}', 'userActive must be boolean'],
      ['{"rotate":true}', 'rotate is not a known key'],
    ]) {
      const res = await adminRequest(sim.url, 'PATCH', '/orgs/acme/oauth', { body });
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { message: string }).message).toBe(`invalid OAuth settings: ${message}`);
    }
    expect((await admin.setOAuth('acme', { accessTokenTtlMs: null })).settings).toEqual({
      ...DEFAULT_OAUTH_SETTINGS,
      userActive: false,
    });
  });
});
