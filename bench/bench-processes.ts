import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);

/** A workspace app running from source in a process of its own, as `npm run dev:<app>` starts it. */
export interface AppProcess {
  child: ChildProcess;
  pid: number;
  /** The last lines it wrote, for the message when something fails. */
  lines: string[];
  /**
   * Rejects, with its last lines, when the app exits before `stop` (a crash, an out-of-memory kill);
   * never settles otherwise. Race a wait against it to fail at once instead of waiting forever.
   */
  crashed: Promise<never>;
  stop(): Promise<void>;
}

const profileDir = process.env.SFMETA_BENCH_PROFILE_DIR;
const running = new Set<ChildProcess>();
// A bench that fails or is interrupted must not leave a simulator or worker behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/**
 * Starts `@sfmeta/<app>/main` from its sources (one node process: tsx as an import hook, not the
 * tsx CLI, so the pid is the app's), or with `built` from its `dist/` as production runs it (after
 * `npm run build`), and resolves once a line of its output passes `isReady`.
 */
export async function startApp(
  module: string,
  env: Record<string, string>,
  isReady: (line: string) => boolean,
  options: {
    built?: boolean;
    nodeOptions?: string[];
    timeoutMs?: number;
    /** Sees every line the app writes, for a bench that watches its log. */
    onLine?: (line: string) => void;
  } = {},
): Promise<AppProcess> {
  const { built = false, nodeOptions = [], timeoutMs = 120_000, onLine } = options;
  const source = require.resolve(module);
  const args = built
    ? [...nodeOptions, source.replace(/\/src\/([^/]+)\.ts$/, '/dist/$1.js')]
    : [...nodeOptions, '--conditions=development', '--import', 'tsx', source];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ready: (() => void) | undefined;
  const readyLine = new Promise<void>((resolve) => {
    ready = resolve;
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      onLine?.(line);
      if (lines.length > 50) lines.shift();
      if (isReady(line)) ready?.();
    });
  }
  let stopping = false;
  const crashed = exited.then(() => {
    if (stopping) return new Promise<never>(() => {});
    throw new Error(`${module} exited (${child.exitCode ?? child.signalCode}); its last lines:\n${lines.join('\n')}`);
  });
  // Handled here so that a crash nobody races against is not an unhandled rejection.
  crashed.catch(() => {});
  const stop = async () => {
    stopping = true;
    running.delete(child);
    // A profiled worker writes its profile as it exits, so it is let shut down (SIGTERM) instead of killed.
    if (child.exitCode === null && child.signalCode === null) child.kill(profileDir ? 'SIGTERM' : 'SIGKILL');
    await exited;
  };
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    readyLine.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    await stop();
    throw new Error(`${module} ${outcome} before it was ready; its last lines:\n${lines.join('\n')}`);
  }
  return { child, pid: child.pid!, lines, crashed, stop };
}

/**
 * A worker's V8 flags as production runs it (`npm start -w @sfmeta/worker`, docker-compose.yml, deploy/): the
 * heap limit, and young-generation semi-spaces of 8 MB instead of 16, which keep a big crawl's garbage from
 * lifting the worker's RSS (README, Operations: Memory). With SFMETA_BENCH_PROFILE_DIR set, each worker also
 * writes a CPU profile there (`--cpu-prof`), for Chrome DevTools.
 */
export const workerNodeOptions = (heapMb = 192): string[] => [
  `--max-old-space-size=${heapMb}`,
  '--max-semi-space-size=8',
  ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
];
