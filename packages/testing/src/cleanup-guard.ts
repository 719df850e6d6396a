import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/** Kills a private server and deletes its directory, now or when this process dies. */
export interface CleanupGuard {
  /** Runs the cleanup and resolves when it is done; later calls wait for the same run. */
  run(): Promise<void>;
}

// Waits for EOF on stdin, which comes from `run()` closing the pipe or from this process dying
// in any way (a crash, a SIGKILL from the test runner): afterAll hooks do not run in the latter.
// The pid is checked to be a number, since `kill -QUIT -1` would signal every process we may signal.
// A zombie counts as gone: in a container PID 1 may never reap the server.
const SCRIPT = `
cat >/dev/null
pid=$(head -n 1 "$1" 2>/dev/null)
case "$pid" in ''|*[!0-9]*) pid= ;; esac
alive() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
if [ -n "$pid" ] && kill -s "$2" "$pid" 2>/dev/null; then
  tries=0
  while alive "$pid" && [ "$tries" -lt 1000 ]; do sleep 0.01; tries=$((tries + 1)); done
fi
rm -rf "$3"
`;

/**
 * Starts a small shell process that, once this process closes its stdin, sends `signal` to the
 * pid on the first line of `pidFile`, waits for that process to end, and deletes `dir`.
 */
export function armCleanup(target: { pidFile: string; signal: 'QUIT' | 'TERM'; dir: string }): CleanupGuard {
  const guard = spawn('sh', ['-c', SCRIPT, 'sfmeta-cleanup', target.pidFile, target.signal, target.dir], {
    // Its own process group, so that a Ctrl-C meant for the test runner does not kill it first.
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const stdin = guard.stdin as Socket;
  // Neither keeps this process alive: exiting is one of the two ways to trigger the cleanup.
  guard.unref();
  stdin.unref();
  stdin.on('error', () => {});
  const ended = new Promise<string | undefined>((resolve) => {
    guard.once('error', (error) => resolve(error.message));
    guard.once('exit', (code, signal) => resolve(code === 0 ? undefined : `exit ${code ?? signal}`));
  });
  let running: Promise<void> | undefined;
  return {
    run: () => {
      running ??= (async () => {
        // Referenced again, or a process with nothing else to do would exit before the cleanup ends.
        guard.ref();
        stdin.end();
        const failure = await ended;
        if (failure !== undefined) throw new Error(`cleaning up ${target.dir} failed: ${failure}`);
      })();
      return running;
    },
  };
}
