import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from './admin-client.ts';
import { httpLogin, restGet } from './test-http.ts';
import { childEnv, PACKAGE_DIR, testOrgSpec } from './test-support.ts';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill();
  child = undefined;
});

/** Starts `src/main.ts` as `npm run start` does, on a free port, with these variables only. */
function startMain(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PACKAGE_DIR,
    env: childEnv({ SIMULATOR_PORT: '0', ...env }),
  });
}

/**
 * The URL the simulator says it listens on; its output is read on afterwards, so that it never writes to a
 * closed pipe.
 */
function listeningUrl(simulator: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    simulator.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    simulator.once('exit', () => reject(new Error(`the simulator exited without listening: ${out}`)));
  });
}

describe('the simulator start command', { timeout: 30_000 }, () => {
  it('takes initial faults from SIMULATOR_FAULTS and guards the admin API with SIMULATOR_ADMIN_TOKEN', async () => {
    child = startMain({
      SIMULATOR_ORGS: JSON.stringify([testOrgSpec()]),
      SIMULATOR_FAULTS: '{"apiDisabled":true}',
      SIMULATOR_ADMIN_TOKEN: 's3cret',
    });
    const url = await listeningUrl(child);
    await expect(new SimulatorAdminClient({ url }).orgs()).rejects.toMatchObject({ status: 401 });
    const admin = new SimulatorAdminClient({ url, token: 's3cret' });
    expect(await admin.faults('acme')).toEqual({ apiDisabled: true });

    const token = await httpLogin(url);
    expect((await restGet(url, token, '/limits')).status).toBe(403);
    await admin.setFaults('acme', {});
    expect((await restGet(url, token, '/limits')).status).toBe(200);
    expect(await admin.counters('acme')).toMatchObject({ total: 3, logins: 1 });

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses to start on invalid SIMULATOR_FAULTS, saying why', async () => {
    child = startMain({ SIMULATOR_FAULTS: '{"error503Rate":7}' });
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, 'exit');
    expect(code).not.toBe(0);
    expect(stderr).toContain('invalid SIMULATOR_FAULTS: error503Rate must be <= 1');
  });
});
