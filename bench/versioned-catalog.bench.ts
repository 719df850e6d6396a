/**
 * What the versioned catalog and incremental re-crawls cost, on the real stack: a simulated org of
 * ~2,000 objects behind 150 ms per request, one worker process with its default concurrency,
 * PostgreSQL and Redis from DATABASE_URL / REDIS_URL (a database and a queue prefix of its own).
 *
 * 1. a full extraction: wall time against the batching bound, PostgreSQL CPU and rows written;
 * 2. an incremental re-crawl of the unchanged org, and 3. one after 1 % of its objects changed,
 *    each as ratios of bytes downloaded, rows written and wall time to the full extraction;
 * 4. the worker's peak RSS during a full extraction of a ~5,000-object org;
 * 5. API read latency on that catalog while another org is extracted, against the same reads idle.
 *
 * Figures are printed, never asserted: the machine decides them.
 *
 *   npm run bench:catalog -w @sfmeta/bench [-- --objects 2000 --large-objects 5000 --fields 75 --latency 150
 *     --reads 500 --keep]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '@sfmeta/config/config';
import { SimulatorAdminClient } from '@sfmeta/simulator/admin-client';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { ApiClient, type RunView } from './api-client.ts';
import { type AppProcess, startApp, workerNodeOptions } from './bench-processes.ts';
import { stackEnv, startSimulatorApp } from './bench-stack.ts';
import { catalogPages, percentile, timeReads, type ReadTimes } from './catalog-reads.ts';
import { PostgresMeter, type PostgresUsage } from './postgres-usage.ts';
import { currentRss, sampleRss } from './process-memory.ts';
import { BIG_ORG_SEED, sizedOrgSpec } from './sized-org.ts';

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '2000' },
    'large-objects': { type: 'string', default: '5000' },
    fields: { type: 'string', default: '75' },
    latency: { type: 'string', default: '150' },
    reads: { type: 'string', default: '500' },
    'page-size': { type: 'string', default: '500' },
    /** Runs the API and the worker from their dist/ builds (`npm run build` first), as production does. */
    built: { type: 'boolean', default: false },
    /** Leaves the database in place (its URL is printed) for EXPLAIN ANALYZE afterwards. */
    keep: { type: 'boolean', default: false },
    /** Has the server log the bench database's statements slower than this (log_min_duration_statement). */
    'log-slow-ms': { type: 'string' },
  },
});
const latencyMs = Number(values.latency);
const reads = Number(values.reads);
const pageSize = Number(values['page-size']);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MB = 1024 * 1024;
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const orgSpec = (name: string, seed: number, objects: number): OrgSpec =>
  sizedOrgSpec(name, seed, objects, Number(values.fields));
const medium = orgSpec('medium', 11, Number(values.objects));
const large = orgSpec('large', BIG_ORG_SEED, Number(values['large-objects']));
// Extracted while the large catalog is read: an org of the medium size that was never crawled.
const load = orgSpec('load', 13, Number(values.objects));

const database = await createTestDatabase(serverUrl);
const databaseName = new URL(database.url).pathname.slice(1);
const prefix = createTestPrefix();
const apps: AppProcess[] = [];
const meter = await PostgresMeter.open(serverUrl, databaseName);
if (values['log-slow-ms'] !== undefined) {
  await meter.logSlowStatements(Number(values['log-slow-ms']));
  console.log(`statements slower than ${values['log-slow-ms']} ms go to the server log (database ${databaseName})`);
}

try {
  log(`generating the orgs (${medium.customObjects}, ${large.customObjects}, ${load.customObjects} custom objects)`);
  const { app: simulator, url: simulatorUrl } = await startSimulatorApp([medium, large, load], latencyMs);
  apps.push(simulator);
  const admin = new SimulatorAdminClient({ url: simulatorUrl });
  const apiKey = randomBytes(16).toString('hex');
  const env = await stackEnv({ redisUrl, databaseUrl: database.url, prefix, apiKey, simulatorUrl });
  const config = loadConfig({ ...process.env, ...env });
  const inFlight = config.worker.concurrency * config.worker.describeConcurrency;
  const api = new ApiClient(`http://127.0.0.1:${config.api.port}`, apiKey);
  const built = { built: values.built };
  apps.push(await startApp('@sfmeta/api/main', env, (line) => line.includes('Server listening'), built));
  const startWorker = async () => {
    // As docker-compose.yml and `npm start` run it: the heap limit keeps V8 from growing far past what it uses.
    const worker = await startApp('@sfmeta/worker/main', env, (line) => line.includes('worker started'), {
      ...built,
      nodeOptions: workerNodeOptions(),
    });
    apps.push(worker);
    return worker;
  };
  let worker = await startWorker();
  const connectTo = (spec: OrgSpec) =>
    api.connect({
      host: simulatorUrl,
      consumerKey: spec.clientId,
      consumerSecret: spec.clientSecret,
      username: spec.username,
      password: spec.password,
      securityToken: spec.securityToken,
    });
  const [mediumId, largeId, loadId] = await Promise.all([connectTo(medium), connectTo(large), connectTo(load)]);

  /** One extraction, measured from the POST to the poll that sees it succeed. */
  const measureRun = async (connectionId: string, org: string, mode: 'full' | 'incremental') => {
    await admin.resetCounters(org);
    const stop = await meter.start();
    const started = performance.now();
    const run = await api.waitForRun(await api.startRun(connectionId, mode));
    const seconds = (performance.now() - started) / 1000;
    const usage = await stop();
    const counters = await admin.counters(org);
    const measured = { run, seconds, usage, bytes: counters.bytesSent, composites: counters.byKind.composite };
    log(`${mode} run of ${org}: ${describeRun(measured)}`);
    return measured;
  };

  // 1. Full extraction.
  const full = await measureRun(mediumId, 'medium', 'full');
  const bound = Math.ceil(full.composites / inFlight) * (latencyMs / 1000);

  // 2. Nothing changed.
  const unchanged = await measureRun(mediumId, 'medium', 'incremental');

  // 3. 1 % of the objects relabelled: custom objects spread over the list.
  const { names: mediumNames } = await catalogPages(api, mediumId, 2000);
  const customs = mediumNames.filter((name) => name.endsWith('__c'));
  const targets = Math.max(1, Math.round(mediumNames.length / 100));
  const mutation = await admin.mutate('medium', {
    mutations: Array.from({ length: targets }, (_, i) => ({
      kind: 'relabelObject' as const,
      object: customs[Math.floor((i * customs.length) / targets)]!,
      label: `Bench Relabel ${i}`,
    })),
  });
  log(
    `relabelled ${targets} of ${mediumNames.length} objects; the simulator reports ${mutation.changed.length} changed`,
  );
  const onePercent = await measureRun(mediumId, 'medium', 'incremental');

  // 4. Worker RSS on the large org, in a fresh worker process.
  await worker.stop();
  apps.splice(apps.indexOf(worker), 1);
  worker = await startWorker();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idleRss = currentRss(worker.pid);
  const sampler = sampleRss(worker.pid);
  const largeRun = await measureRun(largeId, 'large', 'full');
  const rss = sampler.stop();
  log(
    `worker RSS: idle ${(idleRss / MB).toFixed(0)} MB, peak ${(rss.peak / MB).toFixed(0)} MB (${rss.samples} samples)`,
  );

  // 5. Reads of the large catalog, idle then during extractions of another org.
  const pages = { ...(await catalogPages(api, largeId, pageSize)), limit: pageSize };
  await timeReads(api, largeId, pages, 50); // warm-up: JIT, pools
  const idle = await timeReads(api, largeId, pages, reads);
  let reading = true;
  const loadRuns: RunView[] = [];
  const extracting = (async () => {
    while (reading) loadRuns.push(await api.waitForRun(await api.startRun(loadId, 'full')));
  })();
  const started = performance.now();
  const loaded = await timeReads(api, largeId, pages, reads).finally(() => {
    reading = false;
  });
  const readSeconds = (performance.now() - started) / 1000;
  await extracting;
  log(`reads under load took ${readSeconds.toFixed(1)} s over ${loadRuns.length} extraction(s) of the load org`);

  report({ full, bound, inFlight, unchanged, onePercent, mutated: targets, largeRun, idleRss, rss, idle, loaded });
} finally {
  for (const app of apps.reverse()) await app.stop();
  await meter.close();
  await deletePrefix(redisUrl, prefix);
  if (values.keep) console.log(`database kept: ${database.url}`);
  else await database.drop();
}

interface Measured {
  run: RunView;
  seconds: number;
  usage: PostgresUsage;
  bytes: number;
  composites: number;
}

function describeRun(m: Measured): string {
  const cpu = Object.entries(m.usage.cpuByApplication)
    .map(([application, seconds]) => `${application} ${seconds.toFixed(2)}`)
    .join(', ');
  return (
    `${m.seconds.toFixed(2)} s, ${m.run.counts.objects} objects / ${m.run.counts.fields} fields ` +
    `(${m.run.counts.objectsUnchanged} unchanged, ${m.run.counts.versionsWritten} versions written), ` +
    `${m.composites} composites, ${(m.bytes / MB).toFixed(2)} MB, ${m.usage.rowsWritten} rows, ` +
    `PG CPU ${m.usage.cpuDatabase.toFixed(2)} s (${cpu}; server ${m.usage.cpuServer.toFixed(2)} s)`
  );
}

function report(r: {
  full: Measured;
  bound: number;
  inFlight: number;
  unchanged: Measured;
  onePercent: Measured;
  mutated: number;
  largeRun: Measured;
  idleRss: number;
  rss: { peak: number };
  idle: ReadTimes;
  loaded: ReadTimes;
}) {
  const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
  const pct = (value: number) => `${(value * 100).toFixed(2)} %`;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const all = (times: ReadTimes) => [...times.list, ...times.get];
  const p = (times: number[], q: number) => percentile(times, q);
  const rows: [string, string, string, string, string][] = [];
  const add = (metric: string, value: string, baseline: string, ratioText: string, target = '') =>
    rows.push([metric, value, baseline, ratioText, target]);

  const { full, unchanged, onePercent } = r;
  add(
    'full: wall / batching bound',
    `${full.seconds.toFixed(2)} s`,
    `${r.bound.toFixed(2)} s`,
    ratio(full.seconds, r.bound).toFixed(2),
  );
  add('full: PG CPU (run database)', `${full.usage.cpuDatabase.toFixed(2)} s`, '', '');
  add('full: PG CPU (whole server)', `${full.usage.cpuServer.toFixed(2)} s`, '', '');
  add('full: rows written', `${full.usage.rowsWritten}`, '', '');
  add('full: bytes received', `${(full.bytes / MB).toFixed(2)} MB`, '', '');
  for (const [label, m, bytesTarget] of [
    ['no change', unchanged, '<= 5 %'],
    [`1 % changed (${r.mutated})`, onePercent, '<= 10 %'],
  ] as const) {
    add(
      `${label}: bytes / full`,
      `${(m.bytes / MB).toFixed(3)} MB`,
      `${(full.bytes / MB).toFixed(2)} MB`,
      pct(ratio(m.bytes, full.bytes)),
      bytesTarget,
    );
    add(
      `${label}: rows / full`,
      `${m.usage.rowsWritten}`,
      `${full.usage.rowsWritten}`,
      pct(ratio(m.usage.rowsWritten, full.usage.rowsWritten)),
      label === 'no change' ? '<= 1 %' : '',
    );
    add(
      `${label}: wall / full`,
      `${m.seconds.toFixed(2)} s`,
      `${full.seconds.toFixed(2)} s`,
      pct(ratio(m.seconds, full.seconds)),
      label === 'no change' ? '<= 20 %' : '',
    );
    add(
      `${label}: PG CPU / full`,
      `${m.usage.cpuDatabase.toFixed(2)} s`,
      `${full.usage.cpuDatabase.toFixed(2)} s`,
      pct(ratio(m.usage.cpuDatabase, full.usage.cpuDatabase)),
    );
  }
  add(
    `worker peak RSS (${r.largeRun.run.counts.objects} objects)`,
    `${(r.rss.peak / MB).toFixed(0)} MB`,
    `${(r.idleRss / MB).toFixed(0)} MB idle`,
    ratio(r.rss.peak, r.idleRss).toFixed(2),
    '<= 250 MB',
  );
  add('large full: wall', `${r.largeRun.seconds.toFixed(2)} s`, '', '');
  for (const [label, pick] of [
    ['list page', (t: ReadTimes) => t.list],
    ['one object', (t: ReadTimes) => t.get],
    ['all reads', all],
  ] as const) {
    for (const q of [50, 95, 99]) {
      const loadedValue = p(pick(r.loaded), q);
      const idleValue = p(pick(r.idle), q);
      add(
        `read ${label} p${q} (during extraction)`,
        ms(loadedValue),
        `${ms(idleValue)} idle`,
        ratio(loadedValue, idleValue).toFixed(2),
        q === 99 ? '< 50 ms' : '',
      );
    }
  }

  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => row[i]!.length), 6));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log();
  console.log(
    `org: ${full.run.counts.objects} objects, ${full.run.counts.fields} fields; large org: ` +
      `${r.largeRun.run.counts.objects} objects, ${r.largeRun.run.counts.fields} fields; latency ${latencyMs} ms; ` +
      `one worker, ${r.inFlight} describes in flight`,
  );
  console.log(line(['metric', 'value', 'baseline', 'ratio', 'target']));
  for (const row of rows) console.log(line(row));
  console.log(
    JSON.stringify({
      objects: full.run.counts.objects,
      fields: full.run.counts.fields,
      latencyMs,
      full: {
        seconds: full.seconds,
        boundSeconds: r.bound,
        wallOverBound: ratio(full.seconds, r.bound),
        pgCpuSeconds: full.usage.cpuDatabase,
        pgServerCpuSeconds: full.usage.cpuServer,
        rowsWritten: full.usage.rowsWritten,
        bytes: full.bytes,
        composites: full.composites,
      },
      noChange: summary(unchanged, full),
      onePercent: summary(onePercent, full),
      workerPeakRssMb: r.rss.peak / MB,
      largeObjects: r.largeRun.run.counts.objects,
      readsMs: {
        idle: { p50: p(all(r.idle), 50), p95: p(all(r.idle), 95), p99: p(all(r.idle), 99) },
        loaded: { p50: p(all(r.loaded), 50), p95: p(all(r.loaded), 95), p99: p(all(r.loaded), 99) },
      },
    }),
  );
}

function summary(m: Measured, full: Measured) {
  return {
    seconds: m.seconds,
    bytes: m.bytes,
    rowsWritten: m.usage.rowsWritten,
    pgCpuSeconds: m.usage.cpuDatabase,
    bytesRatio: m.bytes / full.bytes,
    rowsRatio: m.usage.rowsWritten / full.usage.rowsWritten,
    wallRatio: m.seconds / full.seconds,
  };
}
