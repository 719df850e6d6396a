import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository's root: built apps run from there, as from /app in the image. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The lines a process wrote last, for the message when it fails to start. */
const KEPT_LINES = 100;

/** A pino log line, as far as these tests read it. */
export interface LogEntry {
  msg?: string;
}

export interface BuiltApp {
  child: ChildProcess;
  /** The log entry that said the app was ready. */
  ready: LogEntry;
}

function parseLine(line: string): LogEntry | undefined {
  try {
    return JSON.parse(line) as LogEntry;
  } catch {
    return undefined;
  }
}

/**
 * Starts `node apps/<app>/dist/main.js` from the repository's root, as the image's command does:
 * no TypeScript loader, no `development` condition, and an environment of `env` and PATH only.
 * Resolves once a log line satisfies `isReady`. The build must have run (`npm run build`; the
 * turbo `test` task of this package depends on it).
 */
export async function startBuiltApp(
  app: 'api' | 'worker',
  env: Record<string, string>,
  isReady: (entry: LogEntry) => boolean,
  timeoutMs = 30_000,
): Promise<BuiltApp> {
  const main = `apps/${app}/dist/main.js`;
  if (!existsSync(join(ROOT, main))) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > KEPT_LINES) lines.shift();
  };
  createInterface({ input: child.stderr! }).on('line', keep);
  const ready = await new Promise<LogEntry>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`${main} ${reason}; its last lines:\n${lines.join('\n')}`));
    };
    const timer = setTimeout(() => {
      fail(`was not ready within ${timeoutMs} ms`);
      child.kill('SIGKILL');
    }, timeoutMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${code ?? signal}) before it was ready`);
    child.once('exit', onExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      const entry = parseLine(line);
      if (entry && isReady(entry)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(entry);
      }
    });
  });
  return { child, ready };
}

/** Whether the child has neither exited nor been killed. */
function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Sends a signal to the child's pid, unless it is gone already. */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (!running(child) || child.pid === undefined) return;
  try {
    process.kill(child.pid, name);
  } catch {
    // It exited between the check and the signal.
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with how the process ended. */
export async function stopBuiltApp(
  child: ChildProcess,
  graceMs = 10_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const exited = running(child)
    ? new Promise<void>((resolve) => child.once('exit', () => resolve()))
    : Promise.resolve();
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  return { code: child.exitCode, signal: child.signalCode };
}
