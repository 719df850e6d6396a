import { randomBytes } from 'node:crypto';
import { buildApp } from '@sfmeta/api/app';
import { loadConfig } from '@sfmeta/config/config';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';

/** Where the app that serves the document keeps its (empty, scratch) state. */
export interface Services {
  redisUrl: string;
  /** A PostgreSQL server where a scratch database may be created (and is dropped after). */
  databaseUrl: string;
}

/**
 * The API's OpenAPI document as `GET /openapi.json` serves it, from the real app built in this process on a
 * scratch database and queue prefix: the routes and their schemas are the only source of the client's types.
 */
export async function readOpenApiDocument(services: Services): Promise<unknown> {
  const database = await createTestDatabase(services.databaseUrl);
  const prefix = createTestPrefix();
  try {
    const config = loadConfig({
      REDIS_URL: services.redisUrl,
      DATABASE_URL: database.url,
      SFMETA_QUEUE_PREFIX: prefix,
      SFMETA_ENCRYPTION_KEYS: `generate:${randomBytes(32).toString('base64')}`,
      SFMETA_API_KEYS: randomBytes(16).toString('hex'),
    });
    const app = await buildApp({ config, logger: false });
    try {
      // BullMQ reports a connection check that ends after its queue was closed as an error nobody listens to,
      // which ends the process: the app is closed only once its queues have finished starting.
      await Promise.allSettled(app.queues.all().map((queue) => queue.waitUntilReady()));
      const response = await app.inject({ url: '/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}`);
      return response.json();
    } finally {
      await app.close();
    }
  } finally {
    await database.drop();
    await deletePrefix(services.redisUrl, prefix);
  }
}
