import { GenericContainer, type StartedTestContainer } from 'testcontainers';

/** Where the tests' Redis and PostgreSQL live, and how to stop what was started for them. */
export interface TestServices {
  redisUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Takes Redis and PostgreSQL from REDIS_URL / DATABASE_URL when set; otherwise starts them
 * with testcontainers (needs a Docker engine).
 */
export async function startTestServices(env: NodeJS.ProcessEnv = process.env): Promise<TestServices> {
  const started: StartedTestContainer[] = [];
  let redisUrl = env.REDIS_URL;
  let databaseUrl = env.DATABASE_URL;
  if (!redisUrl) {
    const redis = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
    started.push(redis);
    redisUrl = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
  }
  if (!databaseUrl) {
    const postgres = await new GenericContainer('postgres:16-alpine')
      .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
      .withExposedPorts(5432)
      .start();
    started.push(postgres);
    databaseUrl = `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`;
    await waitForPostgres(databaseUrl);
  }
  return {
    redisUrl,
    databaseUrl,
    stop: async () => {
      await Promise.all(started.map((container) => container.stop()));
    },
  };
}

async function waitForPostgres(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
