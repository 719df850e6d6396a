import { Type, type Static } from 'typebox';
import { parseSchema } from './parse-schema.ts';

const List = Type.Array(Type.String({ minLength: 1 }));

const ConfigSchema = Type.Object({
  redisUrl: Type.String({ minLength: 1 }),
  databaseUrl: Type.String({ minLength: 1 }),
  queuePrefix: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_-]+$' }),
  encryptionKeys: Type.String({ minLength: 1 }),
  logLevel: Type.Union([
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ]),
  api: Type.Object({
    host: Type.String(),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    keys: List,
    bodyLimit: Type.Integer({ minimum: 1024 }),
    publicBaseUrl: Type.String({ minLength: 1 }),
    allowedHosts: List,
  }),
  worker: Type.Object({
    concurrency: Type.Integer({ minimum: 1, maximum: 64 }),
    /** Connect jobs wait on the network (token requests), so a process runs more of them at once. */
    connectConcurrency: Type.Integer({ minimum: 1, maximum: 256 }),
    /** How often each worker looks for active runs whose jobs are gone (and fails them as RUN_LOST). */
    lostRunCheckMs: Type.Integer({ minimum: 100 }),
    /** A run younger than this is never taken for lost: the API may still be queueing its job. */
    lostRunGraceMs: Type.Integer({ minimum: 0 }),
    describeConcurrency: Type.Integer({ minimum: 1, maximum: 25 }),
    metricsHost: Type.String(),
    metricsPort: Type.Integer({ minimum: 0, maximum: 65535 }),
    /** The Bearer token `/metrics` requires; empty: no authentication (fine on 127.0.0.1 only). */
    metricsToken: Type.String(),
    shutdownGraceMs: Type.Integer({ minimum: 0 }),
    /** A job whose worker stops renewing its lock this long is given to another worker. */
    lockDurationMs: Type.Integer({ minimum: 1000 }),
    stalledIntervalMs: Type.Integer({ minimum: 500 }),
    /** How often a job may be picked up again after its worker died before it fails. */
    maxStalledCount: Type.Integer({ minimum: 0, maximum: 10 }),
    /** Percent of an org's daily API limit past which crawls stop. */
    apiBudgetPercent: Type.Integer({ minimum: 1, maximum: 100 }),
  }),
  salesforce: Type.Object({
    apiVersion: Type.String({ pattern: '^[0-9]{2}\\.0$' }),
  }),
  oauth: Type.Object({
    stateTtlSeconds: Type.Integer({ minimum: 30, maximum: 3600 }),
    /** Where the callback sends the browser afterwards (`?connectionId&outcome`); empty: a small page. */
    returnUrl: Type.String(),
  }),
});

/** Everything sfmeta reads from its environment, validated once at start-up. */
export type Config = Static<typeof ConfigSchema>;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Reads and validates the configuration; throws SchemaValidationError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseSchema(
    ConfigSchema,
    {
      redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sfmeta',
      queuePrefix: env.SFMETA_QUEUE_PREFIX ?? 'sfmeta',
      encryptionKeys: env.SFMETA_ENCRYPTION_KEYS ?? '',
      logLevel: env.LOG_LEVEL ?? 'info',
      api: {
        host: env.SFMETA_API_HOST ?? '127.0.0.1',
        port: env.SFMETA_API_PORT ?? env.PORT ?? '3000',
        keys: list(env.SFMETA_API_KEYS),
        bodyLimit: env.SFMETA_BODY_LIMIT ?? '16384',
        publicBaseUrl: env.SFMETA_PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000',
        allowedHosts: list(env.SFMETA_ALLOWED_HOSTS),
      },
      worker: {
        concurrency: env.SFMETA_WORKER_CONCURRENCY ?? '4',
        connectConcurrency: env.SFMETA_CONNECT_CONCURRENCY ?? '16',
        lostRunCheckMs: env.SFMETA_LOST_RUN_CHECK_MS ?? '15000',
        lostRunGraceMs: env.SFMETA_LOST_RUN_GRACE_MS ?? '30000',
        describeConcurrency: env.SFMETA_DESCRIBE_CONCURRENCY ?? '4',
        metricsHost: env.SFMETA_METRICS_HOST ?? '127.0.0.1',
        metricsPort: env.SFMETA_METRICS_PORT ?? '9464',
        metricsToken: env.SFMETA_METRICS_TOKEN ?? '',
        shutdownGraceMs: env.SFMETA_SHUTDOWN_GRACE_MS ?? '30000',
        apiBudgetPercent: env.SFMETA_API_BUDGET_PERCENT ?? '90',
        lockDurationMs: env.SFMETA_LOCK_DURATION_MS ?? '30000',
        stalledIntervalMs: env.SFMETA_STALLED_INTERVAL_MS ?? '30000',
        maxStalledCount: env.SFMETA_MAX_STALLED_COUNT ?? '2',
      },
      salesforce: {
        apiVersion: env.SFMETA_SALESFORCE_API_VERSION ?? '62.0',
      },
      oauth: {
        stateTtlSeconds: env.SFMETA_OAUTH_STATE_TTL_SECONDS ?? '600',
        returnUrl: env.SFMETA_OAUTH_RETURN_URL ?? '',
      },
    },
    'configuration',
  );
}
