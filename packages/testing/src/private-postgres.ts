import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { armCleanup } from './cleanup-guard.ts';
import { freePort } from './free-port.ts';
import { MissingServerBinaryError } from './missing-server-binary-error.ts';
import type { PrivateServer } from './private-server.ts';

const execFileAsync = promisify(execFile);
const INSTALL_ROOT = '/usr/lib/postgresql';

/**
 * A PostgreSQL of one test file's own. `url` is the `postgres` superuser on the `postgres`
 * database (trust authentication); `stop()` is `pg_ctl stop -m fast`, and the data outlives it.
 */
export type PrivatePostgres = PrivateServer;

/** The newest installed version's `bin` directory that has both initdb and pg_ctl. */
function findBinDir(): string {
  const versions = existsSync(INSTALL_ROOT) ? readdirSync(INSTALL_ROOT) : [];
  const bin = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(INSTALL_ROOT, version, 'bin'))
    .find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (bin === undefined) throw new MissingServerBinaryError('PostgreSQL (initdb, pg_ctl)', `${INSTALL_ROOT}/*/bin`);
  return bin;
}

/** PostgreSQL refuses to run as root, so root runs it as the `postgres` user. */
async function serverUser(): Promise<{ prefix: string[]; owner?: { uid: number; gid: number } }> {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const id = async (flag: string) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { prefix: ['runuser', '-u', 'postgres', '--'], owner: { uid: await id('-u'), gid: await id('-g') } };
  } catch (error) {
    throw new Error('running as root needs a `postgres` user to run PostgreSQL as', { cause: error });
  }
}

/** Creates a fresh cluster in a temporary directory, listening on 127.0.0.1 on a free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findBinDir();
  const user = await serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'sfmeta-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const guard = armCleanup({ pidFile: join(data, 'postmaster.pid'), signal: 'QUIT', dir });
  // The binaries resolve their own path from the working directory, which must be readable by `postgres`.
  const runBinary = async (name: string, args: string[]) => {
    const [command = name, ...rest] = [...user.prefix, join(bin, name), ...args];
    try {
      await execFileAsync(command, rest, { cwd: dir });
    } catch (error) {
      const serverLog = await readFile(log, 'utf8').catch(() => '');
      throw new Error(`${[name, ...args].join(' ')} failed: ${String(error)}\n${serverLog.slice(-2000)}`, {
        cause: error,
      });
    }
  };
  let running = false;
  const start = async () => {
    if (running) return;
    await runBinary('pg_ctl', ['start', '--wait', '--timeout=30', `--pgdata=${data}`, `--log=${log}`]);
    running = true;
  };
  try {
    if (user.owner) await chown(dir, user.owner.uid, user.owner.gid);
    await runBinary('initdb', [
      `--pgdata=${data}`,
      '--username=postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await freePort();
    // Durability is worth nothing here: these servers are thrown away, and are stopped on purpose.
    await appendFile(
      join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    await start();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      start,
      stop: async () => {
        if (!running) return;
        await runBinary('pg_ctl', ['stop', '--wait', '--mode=fast', `--pgdata=${data}`]);
        running = false;
      },
      destroy: async () => {
        running = false;
        await guard.run();
      },
    };
  } catch (error) {
    await guard.run();
    throw error;
  }
}
