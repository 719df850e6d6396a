import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@sfmeta/api/app';
import { createSfmetaClient, type SfmetaClient } from '@sfmeta/client/sfmeta-client';
import { loadConfig, type Config } from '@sfmeta/config/config';
import { createLogger } from '@sfmeta/logger/logger';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Faults, type Simulator } from '@sfmeta/simulator/simulator';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { startWorkerProcess, type WorkerProcess } from '@sfmeta/worker/worker-process';
import { injectFetch } from './inject-fetch.ts';

/** A whole sfmeta in one test process: simulator, API (through inject) and worker processes. */
export interface Stack {
  simulator: Simulator;
  api: FastifyInstance;
  apiKey: string;
  config: Config;
  /** SFMETA_ENCRYPTION_KEYS as given to the config, for processes started on the same stack. */
  encryptionKeys: string;
  workers: WorkerProcess[];
  /** The typed client the demo and the CLI use, answered by the API through inject (no port listens). */
  client: SfmetaClient;
  /** An untyped call through inject: for requests the typed client refuses (malformed on purpose). */
  call<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; text: string }>;
  startWorker(): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

export interface StackOptions {
  orgs: OrgSpec[];
  faults?: Faults;
  workers?: number;
  env?: Record<string, string>;
  /** Where log lines go (JSON, one per line); nowhere by default. */
  logStream?: NodeJS.WritableStream;
  /** Redis or PostgreSQL of the test's own (fault tests stop them) instead of the shared ones. */
  services?: { redisUrl?: string; databaseUrl?: string };
}

/** Starts a stack on its own database and queue prefix; `stop` removes both. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { redisUrl, databaseUrl } = { ...serviceUrls(), ...options.services };
  const database = await createTestDatabase(databaseUrl);
  const prefix = createTestPrefix();
  const simulator = await startSimulator({ orgs: options.orgs, port: 0, faults: options.faults ?? {}, faultSeed: 7 });
  const apiKey = randomBytes(16).toString('hex');
  const encryptionKeys = `test:${randomBytes(32).toString('base64')}`;
  const config = loadConfig({
    REDIS_URL: redisUrl,
    DATABASE_URL: database.url,
    SFMETA_QUEUE_PREFIX: prefix,
    SFMETA_ENCRYPTION_KEYS: encryptionKeys,
    SFMETA_API_KEYS: apiKey,
    SFMETA_METRICS_PORT: '0',
    SFMETA_SHUTDOWN_GRACE_MS: '5000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...options.env,
    // Extra allowed hosts come on top of the simulator's.
    SFMETA_ALLOWED_HOSTS: [simulator.url, options.env?.SFMETA_ALLOWED_HOSTS].filter(Boolean).join(','),
  });
  const logger = createLogger(
    { name: 'test', level: options.logStream ? 'debug' : config.logLevel },
    options.logStream as Parameters<typeof createLogger>[1],
  );
  const api = await buildApp({ config, logger });
  await api.ready();
  const workers: WorkerProcess[] = [];
  const startWorker = async () => {
    const worker = await startWorkerProcess(config, logger.child({ worker: workers.length }));
    workers.push(worker);
    return worker;
  };
  for (let index = 0; index < (options.workers ?? 1); index++) await startWorker();
  return {
    simulator,
    api,
    apiKey,
    config,
    encryptionKeys,
    workers,
    client: createSfmetaClient({ baseUrl: 'http://sfmeta.inject', apiKey, fetch: injectFetch(api) }),
    startWorker,
    call: async (method, url, body) => {
      const response = await api.inject({
        method,
        url,
        headers: { 'x-api-key': apiKey },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const text = response.body;
      return { status: response.statusCode, text, body: (text ? JSON.parse(text) : undefined) as never };
    },
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await api.close();
      await simulator.close();
      await deletePrefix(redisUrl, prefix);
      await database.drop();
    },
  };
}
