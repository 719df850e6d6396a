import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Stack } from './stack.ts';

const require = createRequire(import.meta.url);

/**
 * A worker in a process of its own, on the stack's configuration, that a test can kill. It runs
 * from source: vitest resolves with the `development` condition, so `main` is src/main.ts, and the
 * child gets the condition too, or it would load the other packages from their dist/.
 */
export async function spawnWorker(stack: Stack, env: Record<string, string>): Promise<ChildProcess> {
  const main = require.resolve('@sfmeta/worker/main');
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', main], {
    env: {
      ...process.env,
      REDIS_URL: stack.config.redisUrl,
      DATABASE_URL: stack.config.databaseUrl,
      SFMETA_QUEUE_PREFIX: stack.config.queuePrefix,
      SFMETA_ENCRYPTION_KEYS: stack.encryptionKeys,
      SFMETA_METRICS_PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The worker logs one line when its workers run.
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker started')) resolve();
    });
  });
  child.stdout!.resume();
  return child;
}
