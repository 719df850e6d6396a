import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator.ts';
import { httpLogin, restGet } from './test-http.ts';
import { childEnv, PACKAGE_DIR, testOrgSpec } from './test-support.ts';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npm run admin` does, with no SIMULATOR_* variables from the test's own environment unless given. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/admin-cli.ts', ...args],
      { cwd: PACKAGE_DIR, env: childEnv(env) },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** A CLI run against the test's simulator that must succeed; its JSON output. */
async function ok(...args: string[]): Promise<unknown> {
  const run = await cli(['--url', sim!.url, ...args]);
  expect(run, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout);
}

/** A port nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the admin CLI', { timeout: 30_000 }, () => {
  it("lists orgs, and prints, sets from flags and sets from JSON an org's faults", async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()] });
    expect(await ok('orgs')).toMatchObject([{ name: 'acme', objects: sim.org('acme').org.describes.size }]);
    expect(
      await ok(
        'faults',
        'acme',
        '--latency-ms',
        '20',
        '--error503-rate',
        '0.3',
        '--session-ttl-calls',
        '5',
        '--api-disabled',
        '--odd-attributes',
      ),
    ).toEqual({ latencyMs: 20, error503Rate: 0.3, sessionTtlCalls: 5, apiDisabled: true, oddAttributes: true });
    expect(sim.org('acme').currentFaults()).toEqual({
      latencyMs: 20,
      error503Rate: 0.3,
      sessionTtlCalls: 5,
      apiDisabled: true,
      oddAttributes: true,
    });
    expect(await ok('faults', 'acme', '--revoked-permissions', 'viewSetup, reports')).toEqual({
      revokedPermissions: ['viewSetup', 'reports'],
    });
    expect(await ok('faults', 'acme', '{"dropRate":0.1}')).toEqual({ dropRate: 0.1 });
    expect(await ok('faults', 'acme')).toEqual({ dropRate: 0.1 });
    expect(sim.org('acme').currentFaults()).toEqual({ dropRate: 0.1 });
  });

  it('reads and resets counters, expires sessions, revokes, changes OAuth settings and reshapes the org', async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()] });
    const token = await httpLogin(sim.url);
    expect(await ok('counters', 'acme')).toMatchObject({ total: 1, logins: 1 });
    expect(await ok('counters', 'acme', '--reset')).toMatchObject({ total: 0, logins: 0 });
    expect(sim.org('acme').counters.logins).toBe(0);
    expect(await ok('expire-sessions', 'acme')).toMatchObject({ activeAccessTokens: 0 });
    expect((await restGet(sim.url, token, '/limits')).status).toBe(401);
    expect(await ok('revoke', 'acme')).toMatchObject({ activeRefreshTokens: [] });
    expect(await ok('oauth', 'acme', '{"rotateRefreshTokens":true}')).toMatchObject({
      settings: { rotateRefreshTokens: true },
    });
    expect(sim.org('acme').oauthState().settings.rotateRefreshTokens).toBe(true);

    const shaped = await ok(
      'shape',
      'acme',
      '--custom-objects',
      '9',
      '--fields-per-object',
      '4',
      '--daily-api-limit',
      '100',
      '--reports',
      '4',
      '--apex-triggers',
      '2',
    );
    expect(shaped).toMatchObject({
      shape: { customObjects: 9, fieldsPerObject: 4, seed: 7, dailyApiLimit: 100, reports: 4, apexTriggers: 2 },
    });
    expect(sim.org('acme').org.reports).toHaveLength(4);
    const global = (await (await restGet(sim.url, await httpLogin(sim.url), '/sobjects')).json()) as {
      sobjects: { name: string; customSetting: boolean }[];
    };
    expect(global.sobjects.filter((s) => s.name.endsWith('__c') && !s.customSetting)).toHaveLength(9);
  });

  it('mutates an org from JSON or at random', async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()] });
    expect(await ok('mutate', 'acme', '[{"kind":"relabelObject","object":"Lead","label":"Prospect"}]')).toMatchObject({
      changed: ['Lead'],
    });
    expect(sim.org('acme').org.describes.get('Lead')!.label).toBe('Prospect');
    const random = (await ok('mutate', 'acme', '--seed', '3', '--count', '4')) as { mutations: unknown[] };
    expect(random.mutations).toHaveLength(4);
    expect(await ok('mutate', 'acme', JSON.stringify({ mutations: random.mutations.slice(0, 0) }))).toMatchObject({
      modifiedAt: null,
    });
  });

  it('exits 1 with a one-line message when the simulator refuses or cannot be reached', async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()] });
    const refused = await cli(['--url', sim.url, 'faults', 'acme', '--error503-rate', '2']);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'simulator admin: PUT /__admin/orgs/acme/faults answered 400: invalid faults: error503Rate must be <= 1\n',
    });
    expect(sim.org('acme').currentFaults()).toEqual({});
    const unknown = await cli(['--url', sim.url, 'counters', 'nope']);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: "simulator admin: GET /__admin/orgs/nope/counters answered 404: unknown org 'nope' (known: acme)\n",
    });

    const port = await closedPort();
    const unreachable = await cli(['orgs'], { SIMULATOR_URL: `http://127.0.0.1:${port}` });
    expect(unreachable).toEqual({
      code: 1,
      stdout: '',
      stderr: `simulator admin: cannot reach the simulator at http://127.0.0.1:${port}: ECONNREFUSED\n`,
    });
  });

  it('sends the admin token from --token or SIMULATOR_ADMIN_TOKEN', async () => {
    sim = await startSimulator({ orgs: [testOrgSpec()], adminToken: 's3cret' });
    const [without, flag, env] = await Promise.all([
      cli(['--url', sim.url, 'orgs']),
      cli(['--url', sim.url, '--token', 's3cret', 'orgs']),
      cli(['orgs'], { SIMULATOR_URL: sim.url, SIMULATOR_ADMIN_TOKEN: 's3cret' }),
    ]);
    expect(without).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/answered 401: an admin token is required/),
    });
    expect(flag.code).toBe(0);
    expect(env.code).toBe(0);
    expect(JSON.parse(env.stdout)).toEqual(JSON.parse(flag.stdout));
  });

  it('exits 2 on bad usage, pointing at --help, without calling the simulator; --help exits 0', async () => {
    // Nothing listens there: a CLI that called it would exit 1 (unreachable), not 2.
    const url = `http://127.0.0.1:${await closedPort()}`;
    const usage: [string[], string][] = [
      [[], 'a command is needed'],
      [['bogus'], "unknown command 'bogus'"],
      [['faults'], "wrong number of arguments for 'faults'"],
      [['faults', 'acme', '--latency-ms', 'soon'], "--latency-ms needs a number, got 'soon'"],
      [['faults', 'acme', '{}', '--api-disabled'], 'give the faults as JSON or as flags, not both'],
      [['faults', 'acme', '{"dropRate":'], 'faults must be JSON, got: {"dropRate":'],
      [['counters', 'acme', '--latency-ms', '5'], "'counters' does not take --latency-ms"],
      [['shape', 'acme', '--custom-objects', '3'], 'shape needs --custom-objects and --fields-per-object'],
      [['mutate', 'acme', '--seed', '3'], 'mutate needs JSON, or --seed and --count'],
      [['mutate', 'acme', '[]', '--count', '3'], 'give the mutations as JSON or --seed and --count, not both'],
      [['orgs', '--frobnicate'], "Unknown option '--frobnicate'"],
    ];
    const runs = await Promise.all(usage.map(([args]) => cli(['--url', url, ...args])));
    runs.forEach((run, i) => {
      const [args, message] = usage[i]!;
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(/\(see --help\)\n$/);
    });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run admin -w @sfmeta/simulator --');
  });
});
