import { expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '@sfmeta/config/config';
import { createLogger, type Logger } from '@sfmeta/logger/logger';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { buildApp, type BuildAppOptions } from './app.ts';

export const API_KEY = 'test-key-0123456789';
export const auth = { 'x-api-key': API_KEY };

/** A request body for a valid connection, with secrets that are easy to search for. */
export const validConnection = {
  host: 'acme.my.salesforce.com',
  consumerKey: '3MVG9-consumer-key',
  consumerSecret: 'SECRET-consumer-7f3a9c',
  username: 'admin@acme.example',
  password: 'SECRET-password-b81d2e',
  securityToken: 'SECRET-token-44c0aa',
};

/** A request body for an oauth connection: no user credentials, the user authorizes in Salesforce. */
export const oauthConnection = {
  authType: 'oauth',
  host: 'acme.my.salesforce.com',
  consumerKey: '3MVG9-oauth-consumer-key',
  consumerSecret: 'SECRET-oauth-consumer-5d1e0b',
};

export interface TestApp {
  app: FastifyInstance;
  prefix: string;
  close(): Promise<void>;
}

/**
 * The real app on a database and queue prefix of its own; `env` overrides the test settings; silent unless
 * given a logger.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { logger?: BuildAppOptions['logger'] } = {},
): Promise<TestApp> {
  const { redisUrl, databaseUrl } = serviceUrls();
  const database = await createTestDatabase(databaseUrl);
  const prefix = createTestPrefix();
  const config = loadConfig({
    SFMETA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    SFMETA_API_KEYS: API_KEY,
    REDIS_URL: redisUrl,
    DATABASE_URL: database.url,
    SFMETA_QUEUE_PREFIX: prefix,
    SFMETA_ALLOWED_HOSTS: 'http://127.0.0.1:4010',
    ...env,
  });
  const app = await buildApp({ config, logger: options.logger ?? false });
  return {
    app,
    prefix,
    close: async () => {
      await app.close();
      await database.drop();
      await deletePrefix(redisUrl, prefix);
    },
  };
}

/** A logger at trace level that keeps every line it writes, for tests of what is (not) logged. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return {
    logger: createLogger({ name: 'api-test', level: 'trace' }, { write: (line: string) => void lines.push(line) }),
    lines,
  };
}

/** Every key and value under the test's queue prefix, as one text. */
export async function redisDump(t: TestApp): Promise<string> {
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

/** Creates an oauth connection and returns its id and the state of its authorize URL. */
export async function authorizeUrlFor(t: TestApp): Promise<{ id: string; state: string; challenge: string }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/connections',
    headers: auth,
    payload: oauthConnection,
  });
  expect(response.statusCode).toBe(201);
  const { id, authorizeUrl } = response.json();
  const params = new URL(authorizeUrl).searchParams;
  return { id, state: params.get('state') as string, challenge: params.get('code_challenge') as string };
}
