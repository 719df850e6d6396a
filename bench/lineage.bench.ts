/**
 * What the lineage graph (issue 10) costs, on the real stack and complete-metadata.bench.ts's org (~2,000 objects,
 * ~120,000 fields, 1,000 reports, 200 dashboards, 500 Apex classes, 100 triggers) behind 150 ms per request, one
 * worker process, PostgreSQL and Redis from DATABASE_URL / REDIS_URL (a database and a queue prefix of its own).
 *
 * 1. API calls: one full extraction with everything on but `dependencies: false`, then one with
 *    `dependencies: true` (two connections to the same org), counted by the simulator per kind; the
 *    MetadataComponentDependency read is replayed from the bench (the worker's code and plan) to count its queries,
 *    rows and the queries cut at 2,000 rows. The lineage's size: its edges per kind, paged through /lineage/edges.
 * 2. Build cost: on the stored catalog of the full run, in transactions that are rolled back, N times each:
 *    readLineageInput alone (the baseline: the reading), buildLineage in memory, refreshLineage as the run's first
 *    publish (its lineage removed first), and the whole publishRun; then refreshLineage for an incremental run that
 *    changed nothing (it must skip). The incremental runs with no change count their calls too.
 * 3. Query latency: ~50 nodes of every kind, each walked both ways, upstream and downstream to depth 3 over HTTP,
 *    one request at a time; the baseline, alternating with them: GET /objects/:name of the node's object.
 *    EXPLAIN ANALYZE of the neighbours statement on the slowest walks' last frontier, and where the slowest
 *    walks' time goes (LineageStore.subgraph and its statements alone, against the HTTP request).
 *
 * Figures are printed, never asserted: the machine decides them.
 *
 *   npm run bench:lineage -w @sfmeta/bench [-- --custom-objects 970 --fields 78 --reports 1000 --dashboards 200
 *     --apex-classes 500 --apex-triggers 100 --latency 150 --requests 500 --warm-up 20 --depth 3 --build-times 5
 *     --worker-heap-mb 192 --built]
 */
import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { LineageStore } from '@sfmeta/catalog/lineage-store';
import { loadConfig } from '@sfmeta/config/config';
import { SimulatorAdminClient } from '@sfmeta/simulator/admin-client';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { ApiClient } from './api-client.ts';
import { type AppProcess, startApp, workerNodeOptions } from './bench-processes.ts';
import { stackEnv, startSimulatorApp } from './bench-stack.ts';
import { completeOrgSizes, completeOrgSpec } from './complete-org.ts';
import { replayDependencies } from './dependency-replay.ts';
import { publishedRun, timeLineageBuild, timeUnchangedRefresh } from './lineage-build-timing.ts';
import { edgeStorage } from './edge-storage.ts';
import { explainNeighbours, lastFrontier, profileWalk, TimedApi, timeWalks, walk } from './lineage-queries.ts';
import { printReport } from './lineage-report.ts';
import { allEdges, edgesByKind, sampleNodes } from './lineage-sample.ts';
import { LogWatch } from './log-watch.ts';
import { type Crawl, extraction } from './timed-extraction.ts';

const { values } = parseArgs({
  options: {
    'custom-objects': { type: 'string', default: String(completeOrgSizes.customObjects) },
    fields: { type: 'string', default: String(completeOrgSizes.fieldsPerObject) },
    reports: { type: 'string', default: String(completeOrgSizes.reports) },
    dashboards: { type: 'string', default: String(completeOrgSizes.dashboards) },
    'apex-classes': { type: 'string', default: String(completeOrgSizes.apexClasses) },
    'apex-triggers': { type: 'string', default: String(completeOrgSizes.apexTriggers) },
    latency: { type: 'string', default: '150' },
    /** Timed lineage walks (and as many baseline reads). */
    requests: { type: 'string', default: '500' },
    'warm-up': { type: 'string', default: '20' },
    depth: { type: 'string', default: '3' },
    /** How many times each build step is timed (the median is reported). */
    'build-times': { type: 'string', default: '5' },
    /** The worker's heap limit: production's (`npm start`, docker-compose.yml) by default. */
    'worker-heap-mb': { type: 'string', default: '192' },
    /** Runs the API and the worker from their dist/ builds (`npm run build` first), as production does. */
    built: { type: 'boolean', default: false },
  },
});
const latencyMs = Number(values.latency);
const depth = Number(values.depth);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const spec = completeOrgSpec({
  customObjects: Number(values['custom-objects']),
  fieldsPerObject: Number(values.fields),
  reports: Number(values.reports),
  dashboards: Number(values.dashboards),
  apexClasses: Number(values['apex-classes']),
  apexTriggers: Number(values['apex-triggers']),
});

const database = await createTestDatabase(serverUrl);
const pool = new pg.Pool({ connectionString: database.url, max: 2, application_name: 'sfmeta-bench' });
const prefix = createTestPrefix();
const apps: AppProcess[] = [];
const logPath = join(tmpdir(), `sfmeta-bench-lineage-${Date.now()}.log`);
const logFile = createWriteStream(logPath);
const logWatch = new LogWatch();

try {
  log('starting the simulator');
  const { app: simulator, url: simulatorUrl } = await startSimulatorApp([spec], latencyMs);
  apps.push(simulator);
  const admin = new SimulatorAdminClient({ url: simulatorUrl });
  const apiKey = randomBytes(16).toString('hex');
  const env = {
    ...(await stackEnv({ redisUrl, databaseUrl: database.url, prefix, apiKey, simulatorUrl })),
    // Every report and dashboard is described in the one run, as in complete-metadata.bench.ts.
    SFMETA_ANALYTICS_DESCRIBES_PER_RUN: String(Math.max(1000, spec.reports! + spec.dashboards!)),
  };
  const config = loadConfig({ ...process.env, ...env });
  const apiUrl = `http://127.0.0.1:${config.api.port}`;
  const api = new ApiClient(apiUrl, apiKey);
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
  const unlessCrashed = <T>(work: Promise<T>) => Promise.race([work, ...apps.map((app) => app.crashed)]);
  const credentials = {
    host: simulatorUrl,
    consumerKey: spec.clientId,
    consumerSecret: spec.clientSecret,
    username: spec.username,
    password: spec.password,
    securityToken: spec.securityToken,
  };
  const [withoutId, withId] = await Promise.all([
    api.connect({ ...credentials, scope: { dependencies: false } }),
    api.connect(credentials),
  ]);
  const extract = (connectionId: string, label: string, mode: 'full' | 'incremental'): Promise<Crawl> =>
    unlessCrashed(extraction({ api, admin, org: spec.name, workerPid: worker.pid }, connectionId, label, mode)).then(
      (crawl) => {
        log(`${label}: ${crawl.seconds.toFixed(1)} s, ${crawl.counters.total} requests`);
        return crawl;
      },
    );

  log(`1. API calls: two full extractions (${spec.customObjects} custom objects)`);
  const without = await extract(withoutId, 'dependencies: false', 'full');
  const withDeps = await extract(withId, 'dependencies: true', 'full');
  const fullRun = await publishedRun(pool, withDeps.run.id);

  await admin.resetCounters(spec.name);
  let started = performance.now();
  const plan = await new LineageStore(pool).componentIds(withId, fullRun.seq);
  const componentIdsMs = performance.now() - started;
  started = performance.now();
  const replay = await replayDependencies(
    {
      loginUrl: simulatorUrl,
      clientId: spec.clientId,
      clientSecret: spec.clientSecret,
      username: spec.username,
      password: spec.password,
      securityToken: spec.securityToken,
    },
    plan,
    config.salesforce.apiVersion,
  );
  const replayMs = performance.now() - started;
  const replayCounters = await admin.counters(spec.name);
  log(`replayed MetadataComponentDependency: ${replay.toolingComposites} Tooling composites`);

  const [edgesWithout, edgesWith, planted] = await Promise.all([
    allEdges(api, withoutId),
    allEdges(api, withId),
    admin.lineage(spec.name),
  ]);

  log(`3. query latency: ${values.requests} walks of depth ${depth} and as many GET /objects/:name`);
  const timedApi = new TimedApi(apiUrl, apiKey);
  const nodes = sampleNodes(edgesWith);
  const queries = await timeWalks(timedApi, withId, nodes, {
    count: Number(values.requests),
    depth,
    warmUp: Number(values['warm-up']),
  });
  // The slowest walk each way, and the plan of the neighbours statement of its last step.
  const explained = [];
  for (const direction of ['upstream', 'downstream'] as const) {
    const walks = queries.walks.filter((w) => w.direction === direction);
    if (walks.length === 0) continue;
    const slowest = walks.reduce((a, b) => (b.ms > a.ms ? b : a));
    const frontier = lastFrontier((await walk(timedApi, withId, slowest.node, direction, depth)).answer);
    const plan = await explainNeighbours(pool, fullRun, frontier, direction);
    explained.push({ node: slowest.node.id, direction, frontier: frontier.length, plan });
  }

  const storage = await edgeStorage(pool, fullRun);
  // Where the slowest walk's time goes; if it was cut at the route's 10,000 edges, the slowest uncut one's too.
  const byTime = [...queries.walks].sort((a, b) => b.ms - a.ms);
  const profiled = [];
  const slowest = byTime[0]!;
  for (const slow of [slowest, ...(slowest.truncated ? [byTime.find((w) => !w.truncated)] : [])]) {
    if (!slow) continue;
    const walked = { node: slow.node, direction: slow.direction, depth };
    profiled.push({ ...walked, ...(await profileWalk(timedApi, pool, fullRun, walked)) });
  }

  log(`2. build cost: ${values['build-times']} times each step, in rolled-back transactions`);
  const build = await timeLineageBuild(pool, fullRun, Number(values['build-times']));

  log('2. a second run that changes nothing (incremental)');
  const unchanged = await extract(withId, 'dependencies: true, no change', 'incremental');
  const unchangedWithout = await extract(withoutId, 'dependencies: false, no change', 'incremental');
  const unchangedRefresh = await timeUnchangedRefresh(
    pool,
    await publishedRun(pool, unchanged.run.id),
    Number(values['build-times']),
  );

  printReport({
    spec,
    latencyMs,
    depth,
    crawls: { without, withDeps, unchanged, unchangedWithout },
    replay: { ...replay, ms: replayMs, componentIdsMs },
    replayCounters,
    edgeStorage: storage,
    lineage: {
      without: edgesByKind(edgesWithout),
      with: edgesByKind(edgesWith),
      planted: edgesByKind(planted.edges),
    },
    nodes,
    queries,
    explained,
    profiled,
    build,
    unchangedRefresh,
  });
} finally {
  for (const app of apps.reverse()) await app.stop();
  await pool.end();
  await new Promise((resolve) => logFile.end(resolve));
  await deletePrefix(redisUrl, prefix);
  await database.drop();
  logWatch.print(logPath);
}
