import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { eventually, extract, type RunView } from './support/flow.ts';
import {
  authorizeNewConnection,
  callCallback,
  createOAuthConnection,
  followAuthorizeUrl,
  waitForConnection,
} from './support/oauth-flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'hooli',
  seed: 41,
  customObjects: 12,
  fieldsPerObject: 20,
  clientId: 'hooli-client',
  clientSecret: 'hooli-secret-value',
  username: 'admin@hooli.test',
  password: 'hooli-password-value',
  securityToken: 'HOOLITOKEN',
};

describe('the OAuth web-server flow', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  async function storedSecrets(connectionId: string) {
    return stack!.workers[0]!.context.connections.secrets(connectionId);
  }

  it('connects through authorize and callback, then extracts the exact catalog', async () => {
    stack = await startStack({ orgs: [org] });
    const connection = await authorizeNewConnection(stack, org);
    expect(connection.status).toBe('connected');
    expect(connection.orgId).toBe(stack.simulator.org(org.name).org.id);
    const secrets = await storedSecrets(connection.id);
    expect(secrets?.refreshToken).toBeTruthy();
    expect(stack.simulator.org(org.name).counters.grants.authorization_code).toBe(1);
    const run = await extract(stack, connection.id);
    expect(run.status).toBe('succeeded');
    await expectCatalogEqualsOrg(stack, connection.id, stack.simulator.org(org.name).org);
  });

  it('rejects forged, expired and replayed states, and stores nothing', async () => {
    stack = await startStack({ orgs: [org] });
    const created = await createOAuthConnection(stack, org);
    const redirect = await followAuthorizeUrl(created.authorizeUrl);
    const code = redirect.searchParams.get('code')!;

    const forged = await callCallback(stack, new URLSearchParams({ code, state: 'forged-state' }));
    expect(forged.status).toBe(400);

    const db = new pg.Client({ connectionString: stack.config.databaseUrl });
    await db.connect();
    await db.query(`UPDATE oauth_states SET expires_at = now() - interval '1 second'`);
    const expired = await callCallback(stack, redirect.searchParams);
    expect(expired.status).toBe(400);
    await db.query(`UPDATE oauth_states SET expires_at = now() + interval '10 minutes'`);
    await db.end();

    expect((await callCallback(stack, redirect.searchParams)).status).toBe(200);
    await waitForConnection(stack, created.id);
    const replayed = await callCallback(stack, redirect.searchParams);
    expect(replayed.status).toBe(400);
    // One exchange happened: the replay queued nothing.
    expect(stack.simulator.org(org.name).counters.grants.authorization_code).toBe(1);
  });

  it(
    "refuses a code delivered with another connection's state (wrong PKCE verifier), " + 'and a replayed code',
    async () => {
      stack = await startStack({ orgs: [org] });
      const first = await createOAuthConnection(stack, org);
      const second = await createOAuthConnection(stack, org);
      const firstRedirect = await followAuthorizeUrl(first.authorizeUrl);
      const secondState = new URL(second.authorizeUrl).searchParams.get('state')!;

      // The first connection's code, bound to its PKCE challenge, arrives with the second's state.
      const swapped = new URLSearchParams({ code: firstRedirect.searchParams.get('code')!, state: secondState });
      expect((await callCallback(stack, swapped)).status).toBe(200);
      const refused = await waitForConnection(stack, second.id);
      expect(refused.status).toBe('needs_reauth');
      expect(refused.statusReason?.message).toContain('invalid_grant');
      expect((await storedSecrets(second.id))?.accessToken).toBeNull();

      // The code is now dead: delivering it to its own connection fails too.
      expect((await callCallback(stack, firstRedirect.searchParams)).status).toBe(200);
      const replayed = await waitForConnection(stack, first.id);
      expect(replayed.status).toBe('needs_reauth');
      expect((await storedSecrets(first.id))?.refreshToken).toBeNull();
      expect(stack.simulator.org(org.name).counters.failedGrants.authorization_code).toBe(2);
    },
  );

  it('records a refused authorization', async () => {
    stack = await startStack({ orgs: [org] });
    stack.simulator.org(org.name).setOAuth({ denyAuthorization: true });
    const created = await createOAuthConnection(stack, org);
    const redirect = await followAuthorizeUrl(created.authorizeUrl);
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect((await callCallback(stack, redirect.searchParams)).status).toBe(200);
    const view = (
      await stack.call<{ status: string; statusReason: { code: string } }>('GET', `/api/v1/connections/${created.id}`)
    ).body;
    expect(view.status).toBe('failed');
    expect(view.statusReason.code).toBe('AUTHORIZATION_DENIED');
  });
});

describe('tokens across many workers', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('refreshes exactly once per expired token with two workers at concurrency 8', async () => {
    const big = { ...org, name: 'pied-piper', clientId: 'pp-client', customObjects: 1200, fieldsPerObject: 3 };
    stack = await startStack({ orgs: [big], workers: 2, env: { SFMETA_WORKER_CONCURRENCY: '8' } });
    const connection = await authorizeNewConnection(stack, big);
    const simulated = stack.simulator.org(big.name);
    simulated.setFaults({ sessionTtlCalls: 50 });
    simulated.resetCounters();
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(simulated.counters.expiredTokens).toBeGreaterThanOrEqual(2);
    expect(simulated.counters.grants.refresh_token).toBe(simulated.counters.expiredTokens);
    expect(simulated.counters.failedGrants.refresh_token ?? 0).toBe(0);
    await expectCatalogEqualsOrg(stack, connection.id, simulated.org);
  });

  it('stores every rotated refresh token at once and never uses an old one', async () => {
    stack = await startStack({ orgs: [org], workers: 2, env: { SFMETA_WORKER_CONCURRENCY: '8' } });
    const connection = await authorizeNewConnection(stack, org);
    const simulated = stack.simulator.org(org.name);
    simulated.setOAuth({ rotateRefreshTokens: true });
    simulated.setFaults({ sessionTtlCalls: 2 });
    simulated.resetCounters();
    const run = await extract(stack, connection.id);
    expect(run.status).toBe('succeeded');
    expect(simulated.counters.grants.refresh_token).toBeGreaterThanOrEqual(2);
    expect(simulated.counters.staleRefreshTokenUses).toBe(0);
    const stored = await stack.workers[0]!.context.connections.secrets(connection.id);
    expect(simulated.oauthState().activeRefreshTokens).toEqual([stored?.refreshToken]);
  });

  it(
    'marks the connection needs_reauth after a revocation mid-crawl, without a retry storm, ' +
      'and recovers after re-authorization',
    async () => {
      const wide = { ...org, customObjects: 150 };
      stack = await startStack({
        orgs: [wide],
        workers: 2,
        env: { SFMETA_WORKER_CONCURRENCY: '4', SFMETA_DESCRIBE_CONCURRENCY: '1' },
      });
      const connection = await authorizeNewConnection(stack, wide);
      const simulated = stack.simulator.org(wide.name);
      simulated.setFaults({ latencyMs: 30 });
      const started = await stack.call<RunView>('POST', `/api/v1/connections/${connection.id}/extractions`);
      await eventually(
        async () => (await stack!.call<RunView>('GET', `/api/v1/extractions/${started.body.id}`)).body,
        (view) => view.progress.objectsDone > 0,
      );
      simulated.resetCounters();
      simulated.revokeRefreshTokens();
      const failed = await eventually(
        async () => (await stack!.call<RunView>('GET', `/api/v1/extractions/${started.body.id}`)).body,
        (view) => view.status === 'failed',
      );
      expect(failed.error).toMatchObject({ code: 'AUTHENTICATION_FAILED' });
      expect(failed.error?.message).toContain('expired access/refresh token');
      const view = (
        await stack.call<{ status: string; actions?: { reauthorize?: string } }>(
          'GET',
          `/api/v1/connections/${connection.id}`,
        )
      ).body;
      expect(view.status).toBe('needs_reauth');
      expect(view.actions?.reauthorize).toContain('/reauthorize');
      // Let every in-flight job settle, then count: one refresh attempt, no storm.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(simulated.counters.byKind.oauth_token).toBe(1);

      simulated.setFaults({});
      const reauthorized = await stack.call<{ authorizeUrl: string }>(
        'POST',
        `/api/v1/connections/${connection.id}/reauthorize`,
      );
      expect(reauthorized.status).toBe(200);
      const redirect = await followAuthorizeUrl(reauthorized.body.authorizeUrl);
      expect((await callCallback(stack, redirect.searchParams)).status).toBe(200);
      expect((await waitForConnection(stack, connection.id)).status).toBe('connected');
      const run = await extract(stack, connection.id);
      expect(run.status).toBe('succeeded');
    },
  );
});
