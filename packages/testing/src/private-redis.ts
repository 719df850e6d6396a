import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { armCleanup } from './cleanup-guard.ts';
import { freePort } from './free-port.ts';
import { MissingServerBinaryError } from './missing-server-binary-error.ts';
import type { PrivateServer } from './private-server.ts';

/** A Redis of one test file's own. It keeps nothing on disk: after `stop()`, `start()` brings it back empty. */
export type PrivateRedis = PrivateServer;

interface RunningRedis {
  child: ChildProcess;
  /** Resolves with what ended the process: an exit, or an error such as ENOENT. */
  ended: Promise<Error | undefined>;
  output(): string;
}

function spawnRedis(port: number, dir: string, extraArgs: readonly string[]): RunningRedis {
  // Nothing is kept on disk, so a restart empties Redis: what a crash of a cache-like Redis does.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs];
  // --dir keeps a stray SAVE out of the working directory; the pid file is for the cleanup guard.
  args.push('--dir', dir, '--pidfile', join(dir, 'redis.pid'), '--daemonize', 'no', '--loglevel', 'warning');
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000));
  for (const stream of [child.stdout, child.stderr] as Socket[]) {
    stream.on('data', keep);
    stream.unref();
  }
  // A test that forgets destroy() must not hang its runner; the guard kills Redis on exit.
  child.unref();
  const ended = new Promise<Error | undefined>((resolve) => {
    child.once('error', resolve);
    child.once('exit', () => resolve(undefined));
  });
  return { child, ended, output: () => output };
}

/** Whether a Redis on `port` answers PING right now. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
  });
}

async function waitUntilReady(redis: RunningRedis, port: number): Promise<void> {
  let ended: { error: Error | undefined } | undefined;
  void redis.ended.then((error) => (ended = { error }));
  for (const deadline = Date.now() + 10_000; !ended && Date.now() < deadline; await sleep(10)) {
    if (await answersPing(port)) return;
  }
  const error = ended?.error;
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new MissingServerBinaryError('redis-server', 'PATH', { cause: error });
  }
  redis.child.kill('SIGKILL');
  await redis.ended;
  const why = ended ? (error?.message ?? 'it exited') : 'no PONG within 10 s';
  throw new Error(`redis-server on port ${port} did not start: ${why}\n${redis.output()}`, { cause: error });
}

/**
 * Starts `redis-server` as a child process on a free port of 127.0.0.1; `args` are more options for it
 * (a relative file name in them lies in the server's own directory).
 */
export async function startPrivateRedis(options: { args?: readonly string[] } = {}): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'sfmeta-redis-'));
  const guard = armCleanup({ pidFile: join(dir, 'redis.pid'), signal: 'TERM', dir });
  const port = await freePort();
  let current: RunningRedis | undefined;
  const start = async () => {
    if (current) return;
    const redis = spawnRedis(port, dir, options.args ?? []);
    current = redis;
    try {
      await waitUntilReady(redis, port);
    } catch (error) {
      current = undefined;
      throw error;
    }
  };
  // SIGTERM makes Redis shut down as SHUTDOWN would, and with no save points it saves nothing.
  const stop = async () => {
    const redis = current;
    if (!redis) return;
    redis.child.ref();
    redis.child.kill('SIGTERM');
    await redis.ended;
    current = undefined;
  };
  try {
    await start();
  } catch (error) {
    await guard.run();
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    destroy: async () => {
      await stop();
      await guard.run();
    },
  };
}
