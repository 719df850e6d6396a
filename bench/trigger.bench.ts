/**
 * What `POST /api/v1/connections/:id/extractions` costs, against the I/O it cannot do without. The API
 * runs as `npm run dev:api` does (or from dist/ with `--built`), on a database and a queue prefix of its
 * own, at its default log level; connected connections are written straight into its database. No worker
 * runs: the extract jobs wait in Redis, and the runs stay queued until the bench resets them.
 *
 * - (a) new runs: each request on a connection without an active run (one connection per request);
 * - (b) already active: each request on a connection whose queued run is past the lost-run grace
 *   (SFMETA_LOST_RUN_GRACE_MS, 30 s), as a crawl of minutes is, so its job's state is checked;
 * - (c) the baseline: a bare Fastify route in a process of its own (`bare-trigger-server.ts`) doing the
 *   same I/O, one INSERT into an extraction_runs-like table and one `queue.add`, on the same PostgreSQL and
 *   Redis with the same pool and connection settings, and no auth, schema, log or metrics;
 * - (d) a bare route doing the `queue.add` alone.
 *
 * Each is measured as fast as it answers (`--connections` in flight, autocannon) and at a fixed rate
 * (`--rate`, evenly spaced requests from paced-load.ts, timed from when each was due) for p50 and p99;
 * ratios are against (c) of the same round. Rounds alternate the four; the medians over rounds are
 * printed last. Figures are printed, never asserted.
 *
 *   npm run bench:trigger -w @sfmeta/bench [-- --duration 10 --rate 500 --connections 32 --rounds 3
 *     --ids 60000 --only new,active,bare,queue --built --profile DIR]
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createPool } from '@sfmeta/catalog/database';
import { loadConfig } from '@sfmeta/config/config';
import { jobCatalogue } from '@sfmeta/queue/job-catalogue';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { startApp, type AppProcess } from './bench-processes.ts';
import { stackEnv } from './bench-stack.ts';
import { createConnectedConnections } from './connected-connections.ts';
import { startFileLoggedApp, type FileLoggedApp } from './file-logged-app.ts';
import { measureLoad, type LoadFigures } from './http-load.ts';
import { measurePaced } from './paced-load.ts';
import { processCpuMs } from './process-cpu.ts';
import { backendCpuMs } from './backend-cpu.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rate: { type: 'string', default: '500' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    /** Connected connections to create: more than the fastest target answers in `--duration`. */
    ids: { type: 'string', default: '60000' },
    only: { type: 'string', default: 'new,active,bare,queue' },
    built: { type: 'boolean', default: false },
    /** Writes a CPU profile of the API (`node --cpu-prof`) to this directory. */
    profile: { type: 'string' },
  },
});
const durationSeconds = Number(values.duration);
const rate = Number(values.rate);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const only = new Set(values.only.split(','));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const targets = [
  { key: 'new', label: '(a) API, new runs' },
  { key: 'active', label: '(b) API, run already active' },
  { key: 'bare', label: '(c) bare route, INSERT + queue.add' },
  { key: 'queue', label: '(d) bare route, queue.add alone' },
] as const;
type TargetKey = (typeof targets)[number]['key'];

/** One target's figures in one round: as fast as it answers, then at the fixed rate. */
interface Measured {
  max: LoadFigures;
  /** CPU of the answering process per request at full speed, in ms. */
  cpuPerRequest: number;
  /** CPU of its PostgreSQL backends per request at full speed, in ms. */
  postgresCpuPerRequest: number;
  fixed: LoadFigures;
}

const database = await createTestDatabase(serverUrl);
const databaseName = new URL(database.url).pathname.slice(1);
const prefix = createTestPrefix();
const apps: AppProcess[] = [];
let api: FileLoggedApp | undefined;
/** The API's log is removed at the end unless it holds warnings or errors. */
let keepLog = false;
const apiLogPath = join(tmpdir(), `sfmeta-trigger-bench-api-${process.pid}.log`);
const pool = createPool(database.url, { applicationName: 'sfmeta-bench' });
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const extractQueue = new Queue('extract', { connection: redis, prefix });
const extractOptions = jobCatalogue.extract.options as JobsOptions;
const barePrefix = createTestPrefix();
const bareQueue = new Queue('extract', { connection: redis, prefix: barePrefix });

try {
  const apiKey = randomBytes(16).toString('hex');
  const env = await stackEnv({
    redisUrl,
    databaseUrl: database.url,
    prefix,
    apiKey,
    simulatorUrl: 'https://bench.my.salesforce.com',
  });
  const config = loadConfig({ ...process.env, ...env });
  const apiUrl = `http://127.0.0.1:${config.api.port}`;
  const profile = values.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${values.profile}`];
  api = await startFileLoggedApp('@sfmeta/api/main', env, {
    logPath: apiLogPath,
    readyUrl: `${apiUrl}/readyz`,
    built: values.built,
    nodeOptions: profile,
  });
  const apiPid = api.pid;
  log(`creating ${values.ids} connected connections`);
  const ids = await createConnectedConnections(pool, config, Number(values.ids));
  const bare = await startApp(
    fileURLToPath(new URL('./bare-trigger-server.ts', import.meta.url)),
    { DATABASE_URL: database.url, REDIS_URL: redisUrl, BARE_QUEUE_PREFIX: barePrefix, BARE_PORT: '0' },
    (line) => line.includes('bare server listening'),
  );
  apps.push(bare);
  const bareUrl = bare.lines.join('\n').match(/bare server listening on (http:\/\/\S+)/)![1]!;

  /** Lets the requests still in flight when autocannon stopped finish, before anything is counted or reset. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

  /** Ends every run and removes every job, so that each measurement starts from connections without a run. */
  const reset = async () => {
    await pool.query('DELETE FROM extraction_runs');
    await pool.query('DELETE FROM bare_runs');
    await Promise.all([extractQueue.obliterate({ force: true }), bareQueue.obliterate({ force: true })]);
  };

  /** Hands out each connection once; says so if a measurement used them all (later requests found a run). */
  const eachConnectionOnce = () => {
    let next = 0;
    return () => {
      if (next === ids.length) log(`warning: all ${ids.length} connections used, starting over (raise --ids)`);
      return ids[next++ % ids.length]!;
    };
  };

  const runsCreated = async (table: 'extraction_runs' | 'bare_runs') =>
    Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  /** Every 2xx answer of a new-run measurement created one run; requests still in flight at its end may have too. */
  const checkCreated = async (table: 'extraction_runs' | 'bare_runs', figures: LoadFigures, what: string) => {
    const created = await runsCreated(table);
    if (created < figures.ok || created > figures.sent) {
      log(`warning: ${what}: ${figures.ok} answered 2xx of ${figures.sent} sent, but ${created} runs created`);
    }
  };

  const apiHeaders = { 'x-api-key': apiKey };
  const trigger = (id: string) => `/api/v1/connections/${id}/extractions`;
  /**
   * Measures `path(id)` as fast as it answers, then at the fixed rate. With `fresh`, each request gets a
   * connection of its own, and the table is checked and reset after each measurement.
   */
  const measure = async (options: {
    url: string;
    pid: number;
    /** The application_name of its PostgreSQL backends. */
    application: string;
    path: (id: string) => string;
    nextId: () => () => string;
    fresh?: { table: 'extraction_runs' | 'bare_runs'; what: string };
    headers?: Record<string, string>;
  }): Promise<Measured> => {
    const { url, pid, application, path, fresh, headers = {} } = options;
    const load = async (rateLimit?: number) => {
      const nextId = options.nextId();
      const nextPath = () => path(nextId());
      const figures =
        rateLimit === undefined
          ? await measureLoad({ url, nextPath, headers, connections, durationSeconds })
          : await measurePaced({ url, nextPath, headers, rate: rateLimit, durationSeconds });
      await settle();
      if (fresh) {
        await checkCreated(fresh.table, figures, `${fresh.what} at ${rateLimit ?? 'full'} speed`);
        await reset();
      }
      return figures;
    };
    const cpuBefore = processCpuMs(pid);
    const postgresBefore = await backendCpuMs(pool, databaseName, application);
    const max = await load();
    const cpuPerRequest = (processCpuMs(pid) - cpuBefore) / max.answered;
    const postgresCpuPerRequest =
      ((await backendCpuMs(pool, databaseName, application)) - postgresBefore) / max.answered;
    return { max, cpuPerRequest, postgresCpuPerRequest, fixed: await load(rate) };
  };

  const measureTarget: Record<TargetKey, () => Promise<Measured>> = {
    new: () =>
      measure({
        url: apiUrl,
        pid: apiPid,
        application: 'sfmeta-api',
        path: trigger,
        nextId: eachConnectionOnce,
        fresh: { table: 'extraction_runs', what: 'new runs' },
        headers: apiHeaders,
      }),
    active: async () => {
      // A queued run with its job on each of the first connections, past the grace (as a crawl of minutes
      // is): each request checks that its job is alive, and finds the run.
      const active = ids.slice(0, 5_000);
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO extraction_runs (connection_id, status, mode, trigger, created_at)
         SELECT unnest($1::uuid[]), 'queued', 'incremental', 'api', now() - interval '5 minutes'
         RETURNING id`,
        [active],
      );
      await extractQueue.addBulk(
        rows.map(({ id }) => ({ name: 'extract', data: { runId: id }, opts: { ...extractOptions, jobId: id } })),
      );
      const measured = await measure({
        url: apiUrl,
        pid: apiPid,
        application: 'sfmeta-api',
        path: trigger,
        nextId: () => {
          let next = 0;
          return () => active[next++ % active.length]!;
        },
        headers: apiHeaders,
      });
      const created = (await runsCreated('extraction_runs')) - rows.length;
      if (created !== 0) log(`warning: already active: ${created} runs created (lost runs replaced?)`);
      await reset();
      return measured;
    },
    bare: () =>
      measure({
        url: bareUrl,
        pid: bare.pid,
        application: 'sfmeta-bare',
        path: (id) => `/bare/${id}/runs`,
        nextId: eachConnectionOnce,
        fresh: { table: 'bare_runs', what: 'bare route' },
      }),
    queue: () =>
      measure({
        url: bareUrl,
        pid: bare.pid,
        application: 'sfmeta-bare',
        path: () => '/bare/jobs',
        nextId: () => () => '',
      }),
  };

  const chosen = targets.filter((target) => only.has(target.key));
  log(`warming up (${chosen.map((target) => target.key).join(', ')})`);
  for (const target of chosen) {
    const onBare = target.key === 'bare' || target.key === 'queue';
    const nextId = eachConnectionOnce();
    const nextPath =
      target.key === 'queue' ? () => '/bare/jobs' : () => (onBare ? `/bare/${nextId()}/runs` : trigger(nextId()));
    await measureLoad({
      url: onBare ? bareUrl : apiUrl,
      nextPath,
      headers: apiHeaders,
      connections,
      durationSeconds: 2,
    });
    await settle();
    await reset();
  }

  const results = new Map<TargetKey, Measured[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const target of chosen) {
      log(`round ${round}: ${target.label}`);
      const measured = await measureTarget[target.key]();
      results.set(target.key, [...(results.get(target.key) ?? []), measured]);
      printMeasured(target.label, measured);
    }
  }
  await reset();

  console.log(
    `\nMedians over ${rounds} round(s), ${durationSeconds} s each, ${connections} connections at full speed:`,
  );
  const median = (numbers: number[]) => {
    const sorted = [...numbers].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const bareMax = median((results.get('bare') ?? []).map((measured) => measured.max.requestsPerSecond));
  console.log(
    '| target | req/s | ÷ (c) | p99 | CPU per request: process, PostgreSQL | ' +
      `at ${rate}/s: reached, p50, p99 | failed |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const target of chosen) {
    const all = results.get(target.key) ?? [];
    const pick = (figure: (measured: Measured) => number) => median(all.map(figure));
    const rps = pick((measured) => measured.max.requestsPerSecond);
    const failed = all.reduce((sum, measured) => sum + measured.max.failed + measured.fixed.failed, 0);
    const ratio = Number.isFinite(bareMax) ? (rps / bareMax).toFixed(2) : '–';
    const cpu = `${pick((m) => m.cpuPerRequest).toFixed(2)} ms, ${pick((m) => m.postgresCpuPerRequest).toFixed(2)} ms`;
    const reached = pick((m) => m.fixed.requestsPerSecond).toFixed(0);
    const fixed = `${reached}, ${pick((m) => m.fixed.p50)} ms, ${pick((m) => m.fixed.p99)} ms`;
    const p99 = pick((m) => m.max.p99);
    console.log(`| ${target.label} | ${rps.toFixed(0)} | ${ratio} | ${p99} ms | ${cpu} | ${fixed} | ${failed} |`);
  }

  const problems = api.lines().filter((line) => /"level":(40|50|60)/.test(line));
  keepLog = problems.length > 0;
  if (problems.length > 0) {
    console.log(
      `\nThe API logged ${problems.length} warnings and errors (${apiLogPath}); the last:\n${problems.at(-1)}`,
    );
  }
  if (values.profile !== undefined) {
    // The profile is written when the process exits by itself: a graceful stop.
    await api.stop('SIGTERM');
    log(`CPU profile of the API written to ${values.profile}`);
  }
} finally {
  await api?.stop();
  if (!keepLog) rmSync(apiLogPath, { force: true });
  for (const app of apps.reverse()) await app.stop();
  await Promise.all([extractQueue.close(), bareQueue.close()]);
  await deletePrefix(redisUrl, prefix);
  await deletePrefix(redisUrl, barePrefix);
  redis.disconnect();
  await pool.end();
  await database.drop();
}

function printMeasured(label: string, measured: Measured): void {
  const { max, fixed } = measured;
  console.log(
    `  ${label}: ${max.requestsPerSecond.toFixed(0)} req/s, p99 ${max.p99} ms, CPU per request ` +
      `${measured.cpuPerRequest.toFixed(2)} ms, PostgreSQL ${measured.postgresCpuPerRequest.toFixed(2)} ms; ` +
      `at ${fixed.requestsPerSecond.toFixed(0)} req/s p50 ${fixed.p50} ms, p99 ${fixed.p99} ms, max ${fixed.max} ms`,
  );
  if (max.failed + fixed.failed > 0) console.log(`    answers: ${max.outcomes} / ${fixed.outcomes}`);
}
