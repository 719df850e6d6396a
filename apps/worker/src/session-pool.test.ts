import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { createPool } from '@sfmeta/catalog/database';
import { migrate } from '@sfmeta/catalog/migrate';
import { createSecretBox } from '@sfmeta/catalog/secret-box';
import { createLogger } from '@sfmeta/logger/logger';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestDatabase, type TestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { exchangeAuthorizationCode, createPkce } from '@sfmeta/salesforce/web-server-flow';
import { isRefusal } from './job-failure.ts';
import { SessionPool } from './session-pool.ts';

const org: OrgSpec = {
  name: 'pool',
  seed: 9,
  customObjects: 1,
  fieldsPerObject: 1,
  clientId: 'pool-client',
  clientSecret: 'pool-secret',
  username: 'pool@test',
  password: 'pw',
  securityToken: 'TK',
};
const redirectUri = 'https://sfmeta.test/api/v1/oauth/from_oauth/';

let simulator: Simulator;
let database: TestDatabase;
let pool: pg.Pool;
let redis: Redis;
let connections: ConnectionStore;
const prefix = createTestPrefix();
const logger = createLogger({ name: 'test', level: 'silent' });

beforeAll(async () => {
  simulator = await startSimulator({ orgs: [org], port: 0 });
  database = await createTestDatabase(serviceUrls().databaseUrl);
  await migrate(database.url);
  pool = createPool(database.url);
  redis = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: null });
  connections = new ConnectionStore(pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
});

afterAll(async () => {
  redis?.disconnect();
  await pool?.end();
  await database?.drop();
  await deletePrefix(serviceUrls().redisUrl, prefix);
  await simulator?.close();
});

/** An OAuth connection with tokens from a real authorization on the simulator. */
async function authorizedConnection(): Promise<string> {
  const connection = await connections.create({
    host: simulator.url,
    authType: 'oauth',
    consumerKey: org.clientId,
    consumerSecret: org.clientSecret,
  });
  const pkce = createPkce();
  const authorize = new URL('/services/oauth2/authorize', simulator.url);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: org.clientId,
    redirect_uri: redirectUri,
    state: 's',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }).toString();
  const location = (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!;
  const code = new URL(location).searchParams.get('code')!;
  const grant = await exchangeAuthorizationCode(
    { loginUrl: simulator.url, clientId: org.clientId, clientSecret: org.clientSecret, redirectUri },
    code,
    pkce.verifier,
  );
  await connections.markConnected(connection.id, { ...grant, orgId: grant.orgId, userId: grant.userId });
  return connection.id;
}

function workerPools(count: number): SessionPool[] {
  return Array.from({ length: count }, () => new SessionPool({ connections, redis, prefix, logger }));
}

describe('SessionPool', () => {
  it('renews an expired token once across processes and concurrent requests', async () => {
    const connectionId = await authorizedConnection();
    const pools = workerPools(3);
    const stale = await pools[0]!.sourceFor(connectionId).current();
    simulator.org(org.name).resetCounters();
    const renewed = await Promise.all(
      pools.flatMap((sessionPool) => Array.from({ length: 8 }, () => sessionPool.sourceFor(connectionId).renew(stale))),
    );
    expect(simulator.org(org.name).counters.grants.refresh_token).toBe(1);
    expect(new Set(renewed.map((session) => session.accessToken)).size).toBe(1);
    expect(renewed[0]!.accessToken).not.toBe(stale.accessToken);
    expect((await connections.secrets(connectionId))?.accessToken).toBe(renewed[0]!.accessToken);
  });

  it('stores a rotated refresh token at once', async () => {
    const connectionId = await authorizedConnection();
    simulator.org(org.name).setOAuth({ rotateRefreshTokens: true });
    try {
      const [sessionPool] = workerPools(1);
      const before = (await connections.secrets(connectionId))?.refreshToken;
      const stale = await sessionPool!.sourceFor(connectionId).current();
      await sessionPool!.sourceFor(connectionId).renew(stale);
      const after = (await connections.secrets(connectionId))?.refreshToken;
      expect(after).toBeTruthy();
      expect(after).not.toBe(before);
      expect(simulator.org(org.name).oauthState().activeRefreshTokens).toContain(after);
      expect(simulator.org(org.name).oauthState().activeRefreshTokens).not.toContain(before);
    } finally {
      simulator.org(org.name).setOAuth({ rotateRefreshTokens: false });
    }
  });

  it('marks a revoked connection needs_reauth with one refresh attempt, however many ask', async () => {
    const connectionId = await authorizedConnection();
    const pools = workerPools(2);
    const stale = await pools[0]!.sourceFor(connectionId).current();
    simulator.org(org.name).revokeRefreshTokens();
    simulator.org(org.name).resetCounters();
    const outcomes = await Promise.allSettled(
      pools.flatMap((sessionPool) => Array.from({ length: 6 }, () => sessionPool.sourceFor(connectionId).renew(stale))),
    );
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    for (const outcome of outcomes) {
      // The renewer hears Salesforce's refusal, the others the refusal it recorded: both are refusals.
      expect(isRefusal((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(simulator.org(org.name).counters.grants.refresh_token).toBe(1);
    const connection = await connections.get(connectionId);
    expect(connection?.status).toBe('needs_reauth');
    expect(connection?.statusMessage).toContain('expired access/refresh token');
  });
});
