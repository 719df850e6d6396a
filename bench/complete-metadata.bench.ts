/**
 * What complete metadata costs in API calls (issue 9), on the real stack: a simulated org of ~2,000
 * objects and ~120,000 fields with 1,000 reports, 200 dashboards, 500 Apex classes and 100 triggers,
 * behind 150 ms per request, one worker process with its default concurrency, PostgreSQL and Redis from
 * DATABASE_URL / REDIS_URL (a database and a queue prefix of its own).
 *
 * 1. sfmeta with everything on: one full extraction through the API and the worker;
 * 2. sfmeta with objects, fields, descriptions and owners only (record counts, reports, dashboards and
 *    Apex off), on a second connection to the same org;
 * 3. the baseline, in the same run: a per-object crawler (login, describeGlobal, then per object one
 *    describe and one Tooling FieldDefinition query) with as many requests in flight as the worker's
 *    describes.
 *
 * Calls are counted by the simulator, per kind. Then (2)'s catalog is read through the API on a sample
 * of objects, to check that it holds every object and field description the org has (like for like).
 * Figures are printed, never asserted: the machine decides them.
 *
 *   npm run bench:metadata -w @sfmeta/bench [-- --custom-objects 970 --fields 78 --reports 1000
 *     --dashboards 200 --apex-classes 500 --apex-triggers 100 --latency 150 --sample 50 --worker-heap-mb 192
 *     --built]
 */
import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@sfmeta/config/config';
import { SimulatorAdminClient, type RequestCounters } from '@sfmeta/simulator/admin-client';
import { generateOrg } from '@sfmeta/simulator/generate-org';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { completeOrgSpec } from './complete-org.ts';
import { ApiClient, type RunView } from './api-client.ts';
import { type AppProcess, startApp, workerNodeOptions } from './bench-processes.ts';
import { stackEnv, startSimulatorApp } from './bench-stack.ts';
import { checkCatalog, checkCrawl, sampleObjects, type DescriptionCheck } from './description-check.ts';
import { LogWatch } from './log-watch.ts';
import { crawlPerObject } from './per-object-crawler.ts';
import { sampleRss } from './process-memory.ts';

const { values } = parseArgs({
  options: {
    'custom-objects': { type: 'string', default: '970' },
    fields: { type: 'string', default: '78' },
    reports: { type: 'string', default: '1000' },
    dashboards: { type: 'string', default: '200' },
    'apex-classes': { type: 'string', default: '500' },
    'apex-triggers': { type: 'string', default: '100' },
    latency: { type: 'string', default: '150' },
    /** Objects whose descriptions are compared with the org's. */
    sample: { type: 'string', default: '50' },
    /** The worker's heap limit: production's (`npm start`, docker-compose.yml) by default. */
    'worker-heap-mb': { type: 'string', default: '192' },
    /** Runs the API and the worker from their dist/ builds (`npm run build` first), as production does. */
    built: { type: 'boolean', default: false },
  },
});
const latencyMs = Number(values.latency);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MB = 1024 * 1024;
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const spec = completeOrgSpec({
  customObjects: Number(values['custom-objects']),
  fieldsPerObject: Number(values.fields),
  reports: Number(values.reports),
  dashboards: Number(values.dashboards),
  apexClasses: Number(values['apex-classes']),
  apexTriggers: Number(values['apex-triggers']),
});
// The simulator generates the same org from the same spec: this copy is what the catalog must hold.
const org = generateOrg(spec);
const sample = sampleObjects(org, Number(values.sample));

const database = await createTestDatabase(serverUrl);
const prefix = createTestPrefix();
const apps: AppProcess[] = [];
const logPath = join(tmpdir(), `sfmeta-bench-metadata-${Date.now()}.log`);
const logFile = createWriteStream(logPath);
const logWatch = new LogWatch();

try {
  log(`starting the simulator (${org.describes.size} objects, ${fieldCount()} fields)`);
  const { app: simulator, url: simulatorUrl } = await startSimulatorApp([spec], latencyMs);
  apps.push(simulator);
  const admin = new SimulatorAdminClient({ url: simulatorUrl });
  const apiKey = randomBytes(16).toString('hex');
  const env = {
    ...(await stackEnv({ redisUrl, databaseUrl: database.url, prefix, apiKey, simulatorUrl })),
    // Every report and dashboard is described in the one run (the default budget is 1,000 per part).
    SFMETA_ANALYTICS_DESCRIBES_PER_RUN: String(Math.max(1000, spec.reports! + spec.dashboards!)),
  };
  const config = loadConfig({ ...process.env, ...env });
  const inFlight = config.worker.concurrency * config.worker.describeConcurrency;
  const api = new ApiClient(`http://127.0.0.1:${config.api.port}`, apiKey);
  const watched = (app: string) => ({
    built: values.built,
    onLine: (line: string) => {
      logFile.write(`${app} ${line}\n`);
      logWatch.see(app, line);
    },
  });
  apps.push(await startApp('@sfmeta/api/main', env, (line) => line.includes('Server listening'), watched('api')));
  const worker = await startApp('@sfmeta/worker/main', env, (line) => line.includes('worker started'), {
    ...watched('worker'),
    nodeOptions: workerNodeOptions(Number(values['worker-heap-mb'])),
  });
  apps.push(worker);
  // A crashed app fails the bench at once, rather than leave it polling a run nobody works on.
  const unlessCrashed = <T>(work: Promise<T>) => Promise.race([work, ...apps.map((app) => app.crashed)]);
  const credentials = {
    host: simulatorUrl,
    consumerKey: spec.clientId,
    consumerSecret: spec.clientSecret,
    username: spec.username,
    password: spec.password,
    securityToken: spec.securityToken,
  };
  const objectsOnlyScope = {
    descriptions: true,
    owners: true,
    recordCounts: false,
    reports: false,
    dashboards: false,
    apexClasses: false,
    apexTriggers: false,
    apexSource: false,
  };
  const [everythingId, objectsOnlyId] = await Promise.all([
    api.connect(credentials),
    api.connect({ ...credentials, scope: objectsOnlyScope }),
  ]);

  /** One full extraction, timed from the POST to the poll that sees it succeed, its calls counted by the simulator. */
  const extract = async (connectionId: string, label: string): Promise<Crawl> => {
    await admin.resetCounters(spec.name);
    const rss = sampleRss(worker.pid);
    const started = performance.now();
    const finished = await unlessCrashed(api.waitForRun(await api.startRun(connectionId, 'full')));
    const seconds = (performance.now() - started) / 1000;
    const workerPeakRss = rss.stop().peak;
    const { body: run } = await api.call<RunView>('GET', `/api/v1/extractions/${finished.id}`);
    const counters = await admin.counters(spec.name);
    log(
      `${label}: ${seconds.toFixed(1)} s, ${counters.total} requests, ${run.counts.objects} objects, ` +
        `worker peak RSS ${(workerPeakRss / MB).toFixed(0)} MB`,
    );
    return { label, seconds, counters, objects: run.counts.objects, fields: run.counts.fields, run, workerPeakRss };
  };

  const everything = await extract(everythingId, 'sfmeta, everything');
  const objectsOnly = await extract(objectsOnlyId, 'sfmeta, objects + descriptions');

  await admin.resetCounters(spec.name);
  const started = performance.now();
  const crawl = await unlessCrashed(
    crawlPerObject(
      {
        loginUrl: simulatorUrl,
        clientId: spec.clientId,
        clientSecret: spec.clientSecret,
        username: spec.username,
        password: spec.password,
        securityToken: spec.securityToken,
      },
      { apiVersion: config.salesforce.apiVersion, concurrency: inFlight },
    ),
  );
  const baseline: Crawl = {
    label: 'per-object crawler',
    seconds: (performance.now() - started) / 1000,
    counters: await admin.counters(spec.name),
    objects: crawl.objects,
    fields: crawl.fields,
  };
  log(`${baseline.label}: ${baseline.seconds.toFixed(1)} s, ${baseline.counters.total} requests`);

  const catalogCheck = await checkCatalog(api, objectsOnlyId, objectsOnly.run!.id, org, sample);
  const crawlCheck = await checkCrawl(crawl.fieldDescriptions, org, sample);
  report({ everything, objectsOnly, baseline, inFlight, catalogCheck, crawlCheck });
} finally {
  for (const app of apps.reverse()) await app.stop();
  await new Promise((resolve) => logFile.end(resolve));
  await deletePrefix(redisUrl, prefix);
  await database.drop();
  logWatch.print(logPath);
}

interface Crawl {
  label: string;
  seconds: number;
  counters: RequestCounters;
  objects: number;
  fields: number;
  /** sfmeta's run as GET /extractions/{id} answers it. */
  run?: RunView;
  /** sfmeta's worker during the run, bytes. */
  workerPeakRss?: number;
}

function fieldCount(): number {
  let fields = 0;
  for (const describe of org.describes.values()) fields += describe.fields.length;
  return fields;
}

function report(r: {
  everything: Crawl;
  objectsOnly: Crawl;
  baseline: Crawl;
  inFlight: number;
  catalogCheck: DescriptionCheck;
  crawlCheck: DescriptionCheck;
}) {
  const crawls = [r.everything, r.objectsOnly, r.baseline];
  const table = (rows: string[][]) => {
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    for (const row of rows) {
      console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
    }
  };
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(1)}×`);

  console.log(
    `\norg: ${org.describes.size} objects, ${fieldCount()} fields, ${org.reports.length} reports, ` +
      `${org.dashboards.length} dashboards, ${org.apexClasses.length} Apex classes, ${org.apexTriggers.length} ` +
      `triggers; latency ${latencyMs} ms; one worker (heap limit ${values['worker-heap-mb']} MB), ` +
      `${r.inFlight} requests in flight (the baseline too)`,
  );
  console.log('\nrequests by kind (simulator counters)');
  const kinds = Object.keys(r.baseline.counters.byKind).filter((kind) =>
    crawls.some((c) => (c.counters.byKind as Record<string, number>)[kind]! > 0),
  );
  table([
    ['kind', '(1) everything', '(2) objects+descriptions', '(3) per-object'],
    ...kinds.map((kind) => [
      kind,
      ...crawls.map((c) => String((c.counters.byKind as Record<string, number>)[kind] ?? 0)),
    ]),
    ['total requests', ...crawls.map((c) => String(c.counters.total))],
    ['API usage (daily limit)', ...crawls.map((c) => String(c.counters.apiUsage))],
  ]);

  console.log();
  table([
    ['crawl', 'objects', 'fields', 'requests', 'wall', 'requests (3)/x', 'wall (3)/x'],
    ...crawls.map((c, i) => [
      `(${i + 1}) ${c.label}`,
      String(c.objects),
      String(c.fields),
      String(c.counters.total),
      `${c.seconds.toFixed(1)} s`,
      ratio(r.baseline.counters.total, c.counters.total),
      ratio(r.baseline.seconds, c.seconds),
    ]),
  ]);
  const goal = r.baseline.counters.total / r.objectsOnly.counters.total;
  console.log(
    `\nobjects, fields and descriptions: the per-object crawler makes ${goal.toFixed(1)}× the requests of sfmeta (2) ` +
      `(goal ≥ 25×: ${goal >= 25 ? 'met' : `missed by ${(25 - goal).toFixed(1)}×`})`,
  );

  for (const c of [r.everything, r.objectsOnly]) {
    const run = c.run!;
    const items = ['reports', 'dashboards', 'apexClasses', 'apexTriggers'] as const;
    console.log(
      `\n${c.label}: run ${run.id}, API calls recorded ${run.apiCalls} (simulator: ${c.counters.apiUsage}); ` +
        items.map((item) => `${item} ${run.counts[item] ?? '-'}`).join(', ') +
        `; warnings ${run.counts.warnings ?? 0}; worker peak RSS ${((c.workerPeakRss ?? 0) / MB).toFixed(0)} MB`,
    );
    for (const skipped of run.skipped ?? [])
      console.log(`  skipped ${skipped.part} (${skipped.code}): ${skipped.message}`);
  }

  const checked = (name: string, check: DescriptionCheck, objects: boolean) => {
    const { objectDescriptions: o, fieldDescriptions: f } = check;
    console.log(
      `${name}: ${objects ? `${o.found}/${o.expected} object descriptions, ` : ''}` +
        `${f.found}/${f.expected} field descriptions on ${check.objects} sampled objects` +
        (check.mismatches.length > 0 ? `; differences: ${check.mismatches.join('; ')}` : ', no difference'),
    );
  };
  console.log();
  checked('(2) catalog through the API', r.catalogCheck, true);
  checked('(3) per-object crawl', r.crawlCheck, false);

  console.log(
    JSON.stringify({
      objects: org.describes.size,
      fields: fieldCount(),
      latencyMs,
      inFlight: r.inFlight,
      crawls: crawls.map((c) => ({
        label: c.label,
        seconds: c.seconds,
        requests: c.counters.total,
        apiUsage: c.counters.apiUsage,
        byKind: Object.fromEntries(Object.entries(c.counters.byKind).filter(([, n]) => n > 0)),
        ...(c.workerPeakRss === undefined ? {} : { workerPeakRssMb: c.workerPeakRss / MB }),
      })),
      requestsRatio: goal,
      wallRatio: r.baseline.seconds / r.objectsOnly.seconds,
      descriptions: { catalog: r.catalogCheck, perObject: r.crawlCheck },
    }),
  );
}
