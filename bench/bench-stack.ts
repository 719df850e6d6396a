import { randomBytes } from 'node:crypto';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { freePort } from '@sfmeta/testing/free-port';
import { startApp, type AppProcess } from './bench-processes.ts';

/** Starts the simulator process with `orgs`, every request `latencyMs` late; its process and URL. */
export async function startSimulatorApp(
  orgs: readonly OrgSpec[],
  latencyMs: number,
): Promise<{ app: AppProcess; url: string }> {
  const app = await startApp(
    '@sfmeta/simulator/main',
    { SIMULATOR_PORT: '0', SIMULATOR_ORGS: JSON.stringify(orgs), SIMULATOR_LATENCY_MS: `${latencyMs}` },
    (line) => line.includes('listening on'),
  );
  return { app, url: app.lines.join('\n').match(/listening on (http:\/\/\S+)/)![1]! };
}

/** The environment of a bench's API and worker: their own database and queue prefix, allowed to reach the simulator. */
export async function stackEnv(stack: {
  redisUrl: string;
  databaseUrl: string;
  prefix: string;
  apiKey: string;
  simulatorUrl: string;
}): Promise<Record<string, string>> {
  return {
    REDIS_URL: stack.redisUrl,
    DATABASE_URL: stack.databaseUrl,
    SFMETA_QUEUE_PREFIX: stack.prefix,
    SFMETA_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    SFMETA_API_KEYS: stack.apiKey,
    SFMETA_API_PORT: String(await freePort()),
    SFMETA_ALLOWED_HOSTS: stack.simulatorUrl,
    SFMETA_METRICS_PORT: '0',
    LOG_LEVEL: 'info',
  };
}
