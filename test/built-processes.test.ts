import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { createTestDatabase, type TestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createSfmetaClient } from '@sfmeta/client/sfmeta-client';
import { unwrap } from '@sfmeta/client/unwrap';
import { waitForConnection } from '@sfmeta/client/wait-for-connection';
import { waitForExtraction } from '@sfmeta/client/wait-for-extraction';
import { startBuiltApp, stopBuiltApp, type BuiltApp } from './support/built-processes.ts';

const org: OrgSpec = {
  name: 'initech',
  seed: 23,
  customObjects: 10,
  fieldsPerObject: 20,
  clientId: 'initech-client',
  clientSecret: 'initech-secret-value',
  username: 'admin@initech.test',
  password: 'initech-password-value',
  securityToken: 'INITECHTOKEN',
};

// The production build as the image runs it: `node apps/<app>/dist/main.js`, configured by its
// environment only, talking over real HTTP, Redis and PostgreSQL.
describe('the built API and worker', () => {
  const { redisUrl, databaseUrl } = serviceUrls();
  const apiKey = randomBytes(16).toString('hex');
  const prefix = createTestPrefix();
  let database: TestDatabase | undefined;
  let simulator: Simulator | undefined;
  let api: BuiltApp | undefined;
  let worker: BuiltApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(databaseUrl);
    simulator = await startSimulator({ orgs: [org], port: 0 });
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      SFMETA_QUEUE_PREFIX: prefix,
      SFMETA_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}`,
      SFMETA_API_KEYS: apiKey,
      SFMETA_ALLOWED_HOSTS: simulator.url,
      SFMETA_API_HOST: '127.0.0.1',
      SFMETA_API_PORT: '0',
      SFMETA_METRICS_PORT: '0',
      SFMETA_SHUTDOWN_GRACE_MS: '5000',
      LOG_LEVEL: 'info',
    };
    api = await startBuiltApp('api', env, (entry) => entry.msg?.startsWith('Server listening at ') ?? false);
    worker = await startBuiltApp('worker', env, (entry) => entry.msg === 'worker started');
  });

  afterAll(async () => {
    await Promise.all([api, worker].map((app) => app && stopBuiltApp(app.child)));
    await simulator?.close();
    await deletePrefix(redisUrl, prefix);
    await database?.drop();
  });

  it('connects, extracts and serves the catalog over HTTP, and stops cleanly on SIGTERM', async () => {
    const client = createSfmetaClient({ baseUrl: api!.ready.msg!.slice('Server listening at '.length), apiKey });
    const created = await client.POST('/api/v1/connections', {
      body: {
        host: simulator!.url,
        consumerKey: org.clientId,
        consumerSecret: org.clientSecret,
        username: org.username,
        password: org.password,
        securityToken: org.securityToken,
      },
    });
    expect(created.response.status).toBe(202);
    const connection = await waitForConnection(client, unwrap(created).id, { intervalMs: 100 });
    expect(connection.statusReason).toBeNull();
    expect(connection.status).toBe('connected');

    const started = await client.POST('/api/v1/connections/{id}/extractions', {
      params: { path: { id: connection.id } },
      body: {},
    });
    expect(started.response.status).toBe(202);
    const run = await waitForExtraction(client, unwrap(started).id, { intervalMs: 100 });
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');

    const objects = await client.GET('/api/v1/connections/{id}/objects', {
      params: { path: { id: connection.id }, query: { limit: '2000' } },
    });
    expect(objects.response.status).toBe(200);
    const expected = simulator!
      .org(org.name)
      .org.describeGlobal.sobjects.map((object) => object.name)
      .sort();
    expect(
      unwrap(objects)
        .items.map((item) => item.name)
        .sort(),
    ).toEqual(expected);

    // As on `docker stop`: each finishes what it does and exits 0 well within its grace period.
    expect(await stopBuiltApp(worker!.child)).toEqual({ code: 0, signal: null });
    expect(await stopBuiltApp(api!.child)).toEqual({ code: 0, signal: null });
  });
});
