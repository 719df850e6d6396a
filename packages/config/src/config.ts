import { Type, type Static, type TSchema } from 'typebox';
import { EncryptionKeyError, parseEncryptionKeys, type EncryptionKey } from './encryption-keys.ts';
import { SchemaValidationError, parseSchema } from './parse-schema.ts';
import { QUEUE_PREFIX_PATTERN, hashTaggedPrefix } from './queue-prefix.ts';

// Each setting names its environment variable(s) and its default once, here; loadConfig reads
// them from these annotations, so no variable is spelled anywhere else.
const Text = (env: string | string[], fallback: string, options: object = {}) =>
  Type.String({ env, default: fallback, ...options });
const Int = (env: string | string[], fallback: number, options: object = {}) =>
  Type.Integer({ env, default: fallback, ...options });
/** A comma-separated list. */
const List = (env: string) => Type.Array(Type.String({ minLength: 1 }), { env, default: [] });

const ConfigSchema = Type.Object({
  /** One Redis server; with `redisCluster`, one or more of the cluster's nodes, comma-separated. */
  redisUrl: Text('REDIS_URL', 'redis://127.0.0.1:6379', { minLength: 1 }),
  /** Connect to a Redis Cluster (ioredis Cluster) seeded from `redisUrl`. */
  redisCluster: Type.Boolean({ env: 'SFMETA_REDIS_CLUSTER', default: false }),
  databaseUrl: Text('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/sfmeta', { minLength: 1 }),
  /** Every Redis key's prefix, a cluster hash tag: `name` is read as `{name}` (see hashTaggedPrefix). */
  queuePrefix: Text('SFMETA_QUEUE_PREFIX', '{sfmeta}', { minLength: 1, pattern: QUEUE_PREFIX_PATTERN }),
  /** `id:base64key[,id:base64key…]`, newest first; parsed into keys by loadConfig. */
  encryptionKeys: Text('SFMETA_ENCRYPTION_KEYS', '', { minLength: 1 }),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { env: 'LOG_LEVEL', default: 'info' },
  ),
  api: Type.Object({
    host: Text('SFMETA_API_HOST', '127.0.0.1'),
    port: Int(['SFMETA_API_PORT', 'PORT'], 3000, { minimum: 0, maximum: 65535 }),
    keys: List('SFMETA_API_KEYS'),
    bodyLimit: Int('SFMETA_BODY_LIMIT', 16384, { minimum: 1024 }),
    publicBaseUrl: Text('SFMETA_PUBLIC_BASE_URL', 'http://127.0.0.1:3000', { minLength: 1 }),
    allowedHosts: List('SFMETA_ALLOWED_HOSTS'),
    /** How long SIGTERM waits for requests in flight before the API exits. */
    shutdownGraceMs: Int('SFMETA_API_SHUTDOWN_GRACE_MS', 10_000, { minimum: 0 }),
    /** The shortest time between two ticks of an extraction schedule that the API accepts. */
    scheduleMinIntervalMs: Int('SFMETA_SCHEDULE_MIN_INTERVAL_MS', 300_000, { minimum: 1000 }),
  }),
  worker: Type.Object({
    concurrency: Int('SFMETA_WORKER_CONCURRENCY', 4, { minimum: 1, maximum: 64 }),
    /**
     * Fewer describe jobs at once (down to one) while the process's event loop is saturated, more again (up to
     * `concurrency`) while it waits on the network.
     */
    adaptiveDescribeSlots: Type.Boolean({ env: 'SFMETA_ADAPTIVE_DESCRIBE_SLOTS', default: true }),
    /** Connect jobs wait on the network (token requests), so a process runs more of them at once. */
    connectConcurrency: Int('SFMETA_CONNECT_CONCURRENCY', 16, { minimum: 1, maximum: 256 }),
    /** How often each worker looks for active runs whose jobs are gone (and fails them as RUN_LOST). */
    lostRunCheckMs: Int('SFMETA_LOST_RUN_CHECK_MS', 15_000, { minimum: 100 }),
    /** A run younger than this is never taken for lost: the API may still be queueing its job. */
    lostRunGraceMs: Int('SFMETA_LOST_RUN_GRACE_MS', 30_000, { minimum: 0 }),
    describeConcurrency: Int('SFMETA_DESCRIBE_CONCURRENCY', 4, { minimum: 1, maximum: 25 }),
    metricsHost: Text('SFMETA_METRICS_HOST', '127.0.0.1'),
    metricsPort: Int('SFMETA_METRICS_PORT', 9464, { minimum: 0, maximum: 65535 }),
    /** The Bearer token `/metrics` requires; empty: no authentication (fine on 127.0.0.1 only). */
    metricsToken: Text('SFMETA_METRICS_TOKEN', ''),
    /** How long SIGTERM waits for active jobs before the worker exits. */
    shutdownGraceMs: Int('SFMETA_SHUTDOWN_GRACE_MS', 30_000, { minimum: 0 }),
    /** A job whose worker stops renewing its lock this long is given to another worker. */
    lockDurationMs: Int('SFMETA_LOCK_DURATION_MS', 30_000, { minimum: 1000 }),
    stalledIntervalMs: Int('SFMETA_STALLED_INTERVAL_MS', 30_000, { minimum: 500 }),
    /** How often a job may be picked up again after its worker died before it fails. */
    maxStalledCount: Int('SFMETA_MAX_STALLED_COUNT', 2, { minimum: 0, maximum: 10 }),
    /** Percent of an org's daily API limit past which crawls stop. */
    apiBudgetPercent: Int('SFMETA_API_BUDGET_PERCENT', 90, { minimum: 1, maximum: 100 }),
    /**
     * Requests in flight to one org at most, across every worker process (leases in Redis); a connection may set
     * its own (`maxConcurrentRequests`).
     */
    orgMaxConcurrentRequests: Int('SFMETA_ORG_MAX_CONCURRENT_REQUESTS', 10, { minimum: 1, maximum: 100 }),
    /**
     * How long a run whose org's API budget is spent waits before it checks again: Salesforce counts usage
     * over a rolling 24 hours and says nothing of when it frees, so the run asks again (one call) each time.
     */
    budgetRecheckMs: Int('SFMETA_BUDGET_RECHECK_MS', 900_000, { minimum: 1000 }),
    /** How long after its start a run may wait for API budget: one that cannot finish by then fails. */
    runDeadlineMs: Int('SFMETA_RUN_DEADLINE_MS', 86_400_000, { minimum: 1000 }),
    /**
     * Report describes per run, and dashboard describes per run (one API call each): those left over are
     * described by later runs, and the run says which and why.
     */
    analyticsDescribesPerRun: Int('SFMETA_ANALYTICS_DESCRIBES_PER_RUN', 1000, { minimum: 0, maximum: 100_000 }),
  }),
  retention: Type.Object({
    /** Runs kept per connection: the last N succeeded ones… */
    runs: Int('SFMETA_RETENTION_RUNS', 30, { minimum: 1 }),
    /** …and every one younger than this; a connection may set its own (PATCH `retention`). */
    days: Int('SFMETA_RETENTION_DAYS', 90, { minimum: 1 }),
    /** How often a worker removes what retention no longer keeps. */
    intervalMs: Int('SFMETA_RETENTION_INTERVAL_MS', 3_600_000, { minimum: 1000 }),
  }),
  salesforce: Type.Object({
    apiVersion: Text('SFMETA_SALESFORCE_API_VERSION', '62.0', { pattern: '^[0-9]{2}\\.0$' }),
  }),
  webhooks: Type.Object({
    /** Exact origins admitted as webhook URLs as they are (http, loopback): local receivers in tests. */
    allowedOrigins: List('SFMETA_WEBHOOK_ALLOWED_ORIGINS'),
    /** How long a delivery waits for the receiver's answer. */
    timeoutMs: Int('SFMETA_WEBHOOK_TIMEOUT_MS', 10_000, { minimum: 100, maximum: 60_000 }),
    /** The first retry's delay; each further one doubles it (8 attempts in all). */
    retryDelayMs: Int('SFMETA_WEBHOOK_RETRY_DELAY_MS', 30_000, { minimum: 1 }),
  }),
  oauth: Type.Object({
    stateTtlSeconds: Int('SFMETA_OAUTH_STATE_TTL_SECONDS', 600, { minimum: 30, maximum: 3600 }),
    /** Where the callback sends the browser afterwards (`?connectionId&outcome`); empty: a small page. */
    returnUrl: Text('SFMETA_OAUTH_RETURN_URL', ''),
  }),
});

/** Everything sfmeta reads from its environment, validated once at start-up. */
export type Config = Omit<Static<typeof ConfigSchema>, 'encryptionKeys'> & {
  /** Newest first: the first seals, all open. */
  encryptionKeys: EncryptionKey[];
};

/** The raw environment values for a schema, by its `env` annotations; unset ones are left out. */
function readEnv(schema: TSchema, env: NodeJS.ProcessEnv): unknown {
  const { properties } = schema as { properties?: Record<string, TSchema> };
  if (properties) {
    return Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, readEnv(child, env)]));
  }
  const names = [(schema as { env?: string | string[] }).env ?? []].flat();
  // A variable set to nothing (`PORT=`) counts as unset, as shells and compose files produce it.
  const value = names.map((name) => env[name]).find((found) => found !== undefined && found !== '');
  if (value === undefined || (schema as { type?: string }).type !== 'array') return value;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Reads and validates the configuration; throws SchemaValidationError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseSchema(ConfigSchema, readEnv(ConfigSchema, env), 'configuration');
  try {
    return {
      ...parsed,
      queuePrefix: hashTaggedPrefix(parsed.queuePrefix),
      encryptionKeys: parseEncryptionKeys(parsed.encryptionKeys),
    };
  } catch (error) {
    if (!(error instanceof EncryptionKeyError)) throw error;
    throw new SchemaValidationError('configuration', [`/encryptionKeys ${error.message}`]);
  }
}
