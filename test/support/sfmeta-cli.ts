import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository's root, where the CLI runs from. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The `sfmeta` command as npm links it (`node_modules/.bin/sfmeta`). */
export const SFMETA_BIN = 'apps/cli/bin/sfmeta.js';

/** How one run of the command ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command started as a process: its child, and its result once it exits. */
export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the first stdout line that `match` accepts. */
  line(match: (line: string) => boolean): Promise<string>;
  done: Promise<CliResult>;
}

/**
 * Starts the real `sfmeta` bin. From source by default (the package's `development` export with tsx, as the
 * worker tests run theirs), so no build is needed; `built: true` runs dist/ as a user would after `npm run
 * build`. Only PATH and `env` reach it: nothing from the developer's shell.
 */
export function startSfmeta(
  args: string[],
  env: Record<string, string>,
  options: { built?: boolean } = {},
): CliProcess {
  const loader = options.built ? [] : ['--conditions=development', '--import', 'tsx'];
  const child = spawn(process.execPath, [...loader, SFMETA_BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  const lines = createInterface({ input: child.stdout! });
  const line = (match: (line: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const onLine = (text: string) => {
        if (!match(text)) return;
        lines.off('line', onLine);
        resolve(text);
      };
      lines.on('line', onLine);
      void done.then((result) => reject(new Error(`sfmeta exited ${result.code}: ${result.stdout}${result.stderr}`)));
    });
  return { child, line, done };
}

/** Runs the `sfmeta` bin to the end. */
export function sfmeta(args: string[], env: Record<string, string>, options: { built?: boolean } = {}) {
  return startSfmeta(args, env, options).done;
}
