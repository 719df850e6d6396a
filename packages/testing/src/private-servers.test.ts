import { Redis } from 'ioredis';
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.ts';
import { startPrivateRedis, type PrivateRedis } from './private-redis.ts';
import { createTestDatabase } from './test-database.ts';

async function sql(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function withRedis<T>(url: string, work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** The error of a plain TCP connection to `port`, or undefined when something accepts it. */
function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}

describe('startPrivatePostgres', () => {
  let postgres: PrivatePostgres | undefined;
  beforeAll(async () => {
    postgres = await startPrivatePostgres();
  });
  afterAll(async () => {
    await postgres?.destroy();
  });

  it('keeps its data across a stop and a start on the same port', async () => {
    const server = postgres!;
    await sql(server.url, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('before the stop')");
    await server.stop();
    expect(await connectError(server.port)).toBe('ECONNREFUSED');
    await server.start();
    expect(await sql(server.url, 'SELECT value FROM kept')).toEqual([{ value: 'before the stop' }]);
  });

  it('takes test databases of its own', async () => {
    const database = await createTestDatabase(postgres!.url);
    try {
      const [row] = await sql(database.url, 'SELECT current_database() AS name');
      expect(row).toEqual({ name: new URL(database.url).pathname.slice(1) });
    } finally {
      await database.drop();
    }
  });

  it('refuses connections once destroyed, even when stopped before', async () => {
    const other = await startPrivatePostgres();
    expect(other.port).not.toBe(postgres!.port);
    await other.stop();
    await other.destroy();
    await expect(other.start()).rejects.toThrow();
    expect(await connectError(other.port)).toBe('ECONNREFUSED');
  });
});

describe('startPrivateRedis', () => {
  let redis: PrivateRedis | undefined;
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis?.destroy();
  });

  it('comes back empty on the same port after a stop', async () => {
    const server = redis!;
    await withRedis(server.url, (client) => client.set('kept', 'before the stop'));
    expect(await withRedis(server.url, (client) => client.get('kept'))).toBe('before the stop');
    await server.stop();
    expect(await connectError(server.port)).toBe('ECONNREFUSED');
    await server.start();
    expect(await withRedis(server.url, (client) => client.dbsize())).toBe(0);
  });

  it('refuses connections once destroyed', async () => {
    const other = await startPrivateRedis();
    expect(await withRedis(other.url, (client) => client.ping())).toBe('PONG');
    await other.destroy();
    expect(await connectError(other.port)).toBe('ECONNREFUSED');
  });
});
