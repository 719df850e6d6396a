import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Extraction, ObjectPage } from '@sfmeta/client/api-types';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { randomMutations } from '@sfmeta/simulator/simulator';
import { callCallback, followAuthorizeUrl } from './support/oauth-flow.ts';
import { SFMETA_BIN, sfmeta, startSfmeta, type CliResult } from './support/sfmeta-cli.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'vandelay',
  seed: 31,
  customObjects: 60,
  fieldsPerObject: 12,
  clientId: 'vandelay-client',
  clientSecret: 'vandelay-secret-value',
  username: 'admin@vandelay.test',
  password: 'vandelay-password-value',
  securityToken: 'VANDELAYTOKEN',
};

/** The exit codes the README documents. */
const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, auth: 4, notFound: 5 };

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A port that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The result as text, for the message of a failed expectation. */
const shown = (result: CliResult) => `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;

describe('the sfmeta command line, against the API over HTTP', () => {
  let stack: Stack;
  let env: Record<string, string>;
  const run = (...args: string[]) => sfmeta(args, env);
  /** Runs the command with --json, expects exit 0 and answers what it printed, parsed. */
  const json = async <T>(...args: string[]): Promise<T> => {
    const result = await run(...args, '--json');
    expect(result.code, shown(result)).toBe(EXIT.ok);
    return JSON.parse(result.stdout) as T;
  };
  const passwordFlags = () => [
    '--host',
    stack.simulator.url,
    '--consumer-key',
    org.clientId,
    '--consumer-secret',
    org.clientSecret,
    '--username',
    org.username,
    '--password',
    org.password,
    '--security-token',
    org.securityToken ?? '',
  ];
  let connectionId: string;

  beforeAll(async () => {
    stack = await startStack({ orgs: [org] });
    const url = await stack.api.listen({ host: '127.0.0.1', port: 0 });
    env = { SFMETA_URL: url, SFMETA_API_KEY: stack.apiKey };
    connectionId = (await json<Connection>('connections', 'add', ...passwordFlags(), '--wait')).id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('adds, lists, shows and removes connections', async () => {
    const added = await run('connections', 'add', ...passwordFlags(), '--wait');
    expect(added.code, shown(added)).toBe(EXIT.ok);
    const id = /^id\s+(\S+)$/m.exec(added.stdout)?.[1] ?? '';
    expect(added.stdout).toMatch(/^status\s+connected$/m);
    expect(added.stdout).toContain(`org        ${stack.simulator.org(org.name).org.id}`);

    const listed = await json<Connection[]>('connections', 'list');
    expect(listed.map((connection) => connection.id)).toEqual(expect.arrayContaining([id, connectionId]));
    const table = await run('connections', 'list');
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+AUTH\s+HOST\s+USERNAME\s+ORG$/);
    expect(table.stdout).toMatch(new RegExp(`^${id}\\s+connected\\s+password\\s+${stack.simulator.url}`, 'm'));

    const view = await json<Connection>('connections', 'show', id);
    expect(view).toMatchObject({ id, status: 'connected', username: org.username, schedule: null });
    expect(JSON.stringify(view)).not.toContain(org.password);

    const removed = await run('connections', 'rm', id);
    expect(removed.code, shown(removed)).toBe(EXIT.ok);
    expect(removed.stdout).toBe(`deleted connection ${id}\n`);
    const gone = await run('connections', 'show', id);
    expect(gone.code).toBe(EXIT.notFound);
    expect(gone.stderr).toBe(`sfmeta: NOT_FOUND: connection ${id} does not exist\n`);
  });

  it('follows an extraction to its end with plain progress lines, and exits 0', async () => {
    stack.simulator.org(org.name).setFaults({ latencyMs: 40 });
    try {
      const result = await run('extract', connectionId, '--full', '--follow');
      expect(result.code, shown(result)).toBe(EXIT.ok);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(/^extraction \S+ \(full\) of connection /);
      // Not a terminal: plain lines, no bar redrawn in place.
      expect(result.stdout).not.toContain('\r');
      expect(lines).toEqual(
        expect.arrayContaining([expect.stringMatching(/^running: \d+\/(\d+|\?) objects.*, \d+ API calls, ETA /)]),
      );
      const runId = /^extraction (\S+) succeeded in /m.exec(result.stdout)?.[1];
      const view = (await stack.call<Extraction>('GET', `/api/v1/extractions/${runId}`)).body;
      expect(view.status).toBe('succeeded');
      expect(result.stdout).toContain(`  full: ${view.counts.objects} objects (0 unchanged)`);
      expect(result.stdout).toContain(`  ${view.apiCalls.toLocaleString('en-US')} API calls`);
    } finally {
      stack.simulator.org(org.name).setFaults({});
    }
  });

  it('prints the finished run as JSON with --json, its progress on stderr', async () => {
    const result = await run('extract', connectionId, '--follow', '--json');
    expect(result.code, shown(result)).toBe(EXIT.ok);
    const finished = JSON.parse(result.stdout) as Extraction;
    expect(finished).toMatchObject({ connectionId, status: 'succeeded', mode: 'incremental', error: null });
    expect(finished.counts.objects).toBe(stack.simulator.org(org.name).org.describeGlobal.sobjects.length);
    expect(result.stderr).toContain(`extraction ${finished.id} (incremental) of connection ${connectionId}`);
  });

  it('lists the objects of the catalog and shows one with its fields', async () => {
    const page = await json<ObjectPage>('objects', connectionId);
    const names = stack.simulator.org(org.name).org.describeGlobal.sobjects.map((object) => object.name);
    expect(page.items.map((object) => object.name).sort()).toEqual([...names].sort());
    expect(page.next).toBeNull();

    const listing = await run('objects', connectionId);
    expect(listing.stdout.split('\n')[0]).toBe(
      `${names.length} objects in extraction ${page.runId} (${page.extractedAt})`,
    );
    expect(listing.stdout).toMatch(/^Account\s+Account\s+\d+\s/m);

    const account = await run('objects', connectionId, 'Account');
    expect(account.code, shown(account)).toBe(EXIT.ok);
    expect(account.stdout).toMatch(/^name\s+Account$/m);
    expect(account.stdout).toMatch(/^FIELD\s+TYPE\s+LABEL\s+FORMULA$/m);
    const fields = stack.simulator
      .org(org.name)
      .org.describes.get('Account')!
      .fields.map((field) => field.name);
    for (const field of fields) expect(account.stdout).toMatch(new RegExp(`^${field}\\s`, 'm'));

    const missing = await run('objects', connectionId, 'NoSuchObject__c');
    expect(missing.code).toBe(EXIT.notFound);
    expect(missing.stderr).toContain('NOT_FOUND: object NoSuchObject__c is not in the catalog');
  });

  it('shows what the last extraction changed', async () => {
    const simulated = stack.simulator.org(org.name);
    simulated.mutate(randomMutations(simulated.org, { seed: 5, count: 4 }));
    expect((await run('extract', connectionId, '--follow')).code).toBe(EXIT.ok);

    const changes = await json<{ summary: Record<string, unknown>; items: { change: string }[] }>(
      'changes',
      connectionId,
    );
    const api = await stack.call<{ summary: Record<string, unknown>; items: unknown[] }>(
      'GET',
      `/api/v1/connections/${connectionId}/changes?limit=1000`,
    );
    expect(changes.summary).toEqual(api.body.summary);
    expect(changes.items).toEqual(api.body.items);
    expect(changes.items.length).toBeGreaterThan(0);

    const text = await run('changes', connectionId);
    expect(text.stdout).toMatch(/^changes from extraction \S+ \(.+\) to extraction \S+ \(.+\)$/m);
    expect(text.stdout.split('\n').filter((line) => /^[+~-] \S+ \S/.test(line))).toHaveLength(changes.items.length);

    const refused = await run('changes', connectionId, '--kind', 'nonsense');
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toMatch(/^sfmeta: VALIDATION_FAILED: querystring\/kind /);
  });

  it('streams an ndjson export to stdout, and into a file with --output', async () => {
    const api = await stack.api.inject({
      url: `/api/v1/connections/${connectionId}/export?format=ndjson`,
      headers: { 'x-api-key': stack.apiKey },
    });
    const expected = api.body.trimEnd().split('\n');

    const streamed = await run('export', connectionId, '--format', 'ndjson');
    expect(streamed.code, shown(streamed)).toBe(EXIT.ok);
    const lines = streamed.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(expected.length);
    expect(lines.length).toBeGreaterThan(10);
    // The export is the API's, line for line (its header carries the time of the export).
    expect(lines.slice(1)).toEqual(expected.slice(1));
    for (const line of lines) JSON.parse(line);

    const dir = await mkdtemp(join(tmpdir(), 'sfmeta-cli-'));
    try {
      const file = join(dir, 'catalog.ndjson');
      const written = await json<{ file: string; bytes: number }>(
        'export',
        connectionId,
        '--format',
        'ndjson',
        '--output',
        file,
      );
      const content = await readFile(file, 'utf8');
      expect(written).toEqual({ format: 'ndjson', file, bytes: Buffer.byteLength(content) });
      expect(content.trimEnd().split('\n').slice(1)).toEqual(expected.slice(1));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const unknownFormat = await run('export', connectionId, '--format', 'csv');
    expect(unknownFormat.code).toBe(EXIT.usage);
    expect(unknownFormat.stderr).toContain('Allowed choices are ndjson, datahub, openlineage');
  });

  it('exits 1 with the error code and message when the run fails', async () => {
    stack.simulator.org(org.name).setFaults({ apiDisabled: true });
    try {
      const result = await run('extract', connectionId, '--full', '--follow');
      expect(result.code, shown(result)).toBe(EXIT.failed);
      const runId = /^extraction (\S+) failed/m.exec(result.stdout)?.[1];
      const view = (await stack.call<Extraction>('GET', `/api/v1/extractions/${runId}`)).body;
      expect(view.status).toBe('failed');
      expect(view.error?.code).toBeTruthy();
      expect(result.stderr).toBe(`sfmeta: extraction ${runId} failed: ${view.error?.code}: ${view.error?.message}\n`);
    } finally {
      stack.simulator.org(org.name).setFaults({});
    }
  });

  it('authorizes an oauth connection: prints the URL and waits until it is connected', async () => {
    const created = await json<Connection & { authorizeUrl: string }>(
      'connections',
      'add',
      '--oauth',
      '--host',
      stack.simulator.url,
      '--consumer-key',
      org.clientId,
      '--consumer-secret',
      org.clientSecret,
    );
    expect(created.status).toBe('awaiting_authorization');
    const authorizing = startSfmeta(['connections', 'authorize', created.id, '--timeout', '60'], env);
    const url = (await authorizing.line((line) => line.startsWith('  http'))).trim();
    expect(url).not.toBe(created.authorizeUrl);
    const redirect = await followAuthorizeUrl(url);
    expect((await callCallback(stack, redirect.searchParams)).status).toBe(200);
    const result = await authorizing.done;
    expect(result.code, shown(result)).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^status\s+connected$/m);

    const password = await run('connections', 'authorize', connectionId);
    expect(password.code).toBe(EXIT.failed);
    expect(password.stderr).toMatch(/^sfmeta: NOT_OAUTH_CONNECTION: /);
  });

  it('says why, with its exit code, when the API is unreachable, the key wrong or the id unknown', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = await sfmeta(['connections', 'list'], { ...env, SFMETA_URL: url });
    expect(unreachable.code).toBe(EXIT.unreachable);
    expect(unreachable.stderr).toBe(
      `sfmeta: cannot reach the sfmeta API at ${url} (ECONNREFUSED): is the API running? (--url or SFMETA_URL)\n`,
    );
    const unknownHost = await run('connections', 'list', '--url', 'http://sfmeta.invalid:3000', '--json');
    expect(unknownHost.code).toBe(EXIT.unreachable);
    expect(JSON.parse(unknownHost.stderr)).toMatchObject({ error: { code: 'UNREACHABLE', exitCode: 3 } });

    const badKey = await run('connections', 'list', '--api-key', 'not-the-key');
    expect(badKey.code).toBe(EXIT.auth);
    expect(badKey.stderr).toBe('sfmeta: UNAUTHORIZED: the API key is not valid (check --api-key or SFMETA_API_KEY)\n');
    const noKey = await sfmeta(['connections', 'list'], { SFMETA_URL: env.SFMETA_URL! });
    expect(noKey.code).toBe(EXIT.usage);

    for (const args of [
      ['connections', 'show', UNKNOWN_ID],
      ['extract', UNKNOWN_ID],
      ['objects', UNKNOWN_ID],
    ]) {
      const unknown = await run(...args);
      expect(unknown.code, args.join(' ')).toBe(EXIT.notFound);
      expect(unknown.stderr, args.join(' ')).toMatch(/^sfmeta: NOT_FOUND: /);
    }
    const json404 = await run('connections', 'show', UNKNOWN_ID, '--json');
    expect(JSON.parse(json404.stderr)).toEqual({
      error: { code: 'NOT_FOUND', message: `connection ${UNKNOWN_ID} does not exist`, exitCode: 5 },
    });

    const usage = await run('connections', 'add', '--host', stack.simulator.url);
    expect(usage.code).toBe(EXIT.usage);
    expect(usage.stderr).toContain("required option '--consumer-key <key>' not specified");
  });

  it('runs as built (`npm run build`), as `sfmeta` on the PATH runs it', async () => {
    const built = fileURLToPath(new URL('../apps/cli/dist/main.js', import.meta.url));
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (${SFMETA_BIN})`);
    const result = await sfmeta(['connections', 'show', connectionId, '--json'], env, { built: true });
    expect(result.code, shown(result)).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: connectionId, status: 'connected' });
  });
});
