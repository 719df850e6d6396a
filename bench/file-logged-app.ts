import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A workspace app whose output goes straight to a file, as a log collector takes it in production. */
export interface FileLoggedApp {
  child: ChildProcess;
  pid: number;
  /** Its log's lines so far. */
  lines(): string[];
  /** Ends it with `signal` (SIGTERM lets it close and write what it writes on exit) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `@sfmeta/<app>/main` like bench-processes.ts's startApp (from its sources, or from dist/ with
 * `built`), but with stdout and stderr written to `logPath` rather than piped to the bench: under load an
 * app logs a few lines a request, and a pipe the busy bench reads late would block its synchronous log
 * writes, and so its event loop. Resolves once `readyUrl` answers.
 */
export async function startFileLoggedApp(
  module: string,
  env: Record<string, string>,
  options: { logPath: string; readyUrl: string; built?: boolean; nodeOptions?: string[]; timeoutMs?: number },
): Promise<FileLoggedApp> {
  const { logPath, readyUrl, built = false, nodeOptions = [], timeoutMs = 120_000 } = options;
  const source = require.resolve(module);
  const args = built
    ? [...nodeOptions, source.replace(/\/src\/([^/]+)\.ts$/, '/dist/$1.js')]
    : [...nodeOptions, '--conditions=development', '--import', 'tsx', source];
  const log = openSync(logPath, 'w');
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = once(child, 'exit');
  // A bench that fails or is interrupted must not leave it behind.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const lines = () => readFileSync(logPath, 'utf8').split('\n').filter(Boolean);
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    process.removeListener('exit', kill);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${module} exited before it was ready; its last lines:\n${lines().slice(-30).join('\n')}`);
    }
    if (
      await fetch(readyUrl).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${module} was not ready in ${timeoutMs} ms; its last lines:\n${lines().slice(-30).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, pid: child.pid!, lines, stop };
}
