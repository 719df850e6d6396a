import type { ChildProcess } from 'node:child_process';

/** True while the child process runs: it has neither exited nor been killed. */
export function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Ends a child process and waits until it has gone. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || !isAlive(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
