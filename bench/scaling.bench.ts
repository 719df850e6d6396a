/**
 * How a crawl scales with worker processes (issue 11), on the real stack: complete-metadata.bench.ts's org
 * (~2,000 objects and ~120,000 fields; `--objects` resizes it) crawled by 1, 2 and 4 worker processes at 150 ms
 * and at 1,000 ms per request. Runs read objects, fields, descriptions and owners only (the describe fan-out;
 * record counts, reports, dashboards, Apex and dependencies off), each a first crawl on a new connection so
 * that every one writes the whole catalog. The simulator, the API and the workers run in processes of their
 * own, PostgreSQL and Redis from DATABASE_URL / REDIS_URL (a database and a queue prefix of its own).
 *
 * Per number of workers and latency: the median wall time of `--runs` crawls and its ratio to one worker's in
 * the same bench run, how discover cut the describes (jobs × objects), the API calls, the most requests the
 * simulator saw in flight at once, the workers' and PostgreSQL's CPU seconds per 1,000 fields, and the
 * largest worker RSS. The per-org request limit (SFMETA_ORG_MAX_CONCURRENT_REQUESTS, 10 by default) is raised
 * to `--max-requests` so that it does not cap four workers.
 *
 * `--org-limit` instead crawls once with 8 workers of concurrency 8 at the default per-org limit and prints
 * the simulator's peak of requests in flight, which must not pass 10. Figures are printed, never asserted.
 *
 *   npm run bench:scaling -w @sfmeta/bench [-- --workers 1,2,4 --latencies 150,1000 --runs 3 --objects 2000
 *     --fields 78 --concurrency 4 --max-requests 64 --worker-heap-mb 192 --built]
 *   npm run bench:scaling -w @sfmeta/bench -- --org-limit [--workers 8 --concurrency 8 --latencies 150]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '@sfmeta/config/config';
import { createQueues } from '@sfmeta/queue/queues';
import { createProducerRedis } from '@sfmeta/queue/redis';
import { SimulatorAdminClient } from '@sfmeta/simulator/admin-client';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { ApiClient } from './api-client.ts';
import { connectTo, deleteConnection, describeOnlyScope, median, timedRun } from './bench-connections.ts';
import { startApp, type AppProcess } from './bench-processes.ts';
import { stackEnv, startSimulatorApp } from './bench-stack.ts';
import { completeOrgSizes, completeOrgSpec } from './complete-org.ts';
import { PostgresMeter } from './postgres-usage.ts';
import { processCpuMs } from './process-cpu.ts';
import { type FanOut, printWarnings, startWorkerFleet, untilListening } from './worker-fleet.ts';

const { values } = parseArgs({
  options: {
    'org-limit': { type: 'boolean', default: false },
    workers: { type: 'string' },
    latencies: { type: 'string' },
    runs: { type: 'string' },
    /** About this many objects in describeGlobal (the standard ones included); the complete org's by default. */
    objects: { type: 'string' },
    fields: { type: 'string', default: String(completeOrgSizes.fieldsPerObject) },
    /** SFMETA_WORKER_CONCURRENCY of every worker. */
    concurrency: { type: 'string' },
    /** SFMETA_ORG_MAX_CONCURRENT_REQUESTS of the scaling runs (the --org-limit mode keeps the default). */
    'max-requests': { type: 'string', default: '64' },
    'worker-heap-mb': { type: 'string', default: '192' },
    /** Runs the API and the workers from their dist/ builds (`npm run build` first), as production does. */
    built: { type: 'boolean', default: false },
  },
});
const orgLimitMode = values['org-limit'];
const list = (text: string) => text.split(',').map(Number);
const workerCounts = list(values.workers ?? (orgLimitMode ? '8' : '1,2,4'));
const latencies = list(values.latencies ?? (orgLimitMode ? '150' : '150,1000'));
const runs = Number(values.runs ?? (orgLimitMode ? '1' : '3'));
const concurrency = values.concurrency ?? (orgLimitMode ? '8' : '4');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MB = 1024 * 1024;
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

// describeGlobal lists ~56 standard objects, and each custom object comes with ~1.1 companions on average.
const spec = completeOrgSpec({
  ...completeOrgSizes,
  ...(values.objects ? { customObjects: Math.max(1, Math.round((Number(values.objects) - 56) / 2.1)) } : {}),
  fieldsPerObject: Number(values.fields),
});

/** One crawl of the org. */
interface Crawl {
  seconds: number;
  objects: number;
  fields: number;
  apiCalls: number;
  /** The most requests of the org in flight at once, when the simulator counts them. */
  peakInFlight: number | undefined;
  fanOut: FanOut | undefined;
}

/** The crawls of one number of workers at one latency, and what they cost together. */
interface Cell {
  workers: number;
  latencyMs: number;
  crawls: Crawl[];
  workerCpuSeconds: number;
  postgresCpuSeconds: number;
  simulatorCpuSeconds: number;
  peakRssMb: number;
}

const database = await createTestDatabase(serverUrl);
const databaseName = new URL(database.url).pathname.slice(1);
const prefix = createTestPrefix();
const apps: AppProcess[] = [];
const meter = await PostgresMeter.open(serverUrl, databaseName);
const redis = createProducerRedis(redisUrl);

try {
  log(`starting the simulator (${spec.customObjects} custom objects, ${spec.fieldsPerObject} fields each)`);
  const { app: simulator, url: simulatorUrl } = await startSimulatorApp([spec], latencies[0]!);
  apps.push(simulator);
  const admin = new SimulatorAdminClient({ url: simulatorUrl });
  const apiKey = randomBytes(16).toString('hex');
  const env = {
    ...(await stackEnv({ redisUrl, databaseUrl: database.url, prefix, apiKey, simulatorUrl })),
    SFMETA_WORKER_CONCURRENCY: concurrency,
    // Harmless where the setting does not exist yet.
    ...(orgLimitMode ? {} : { SFMETA_ORG_MAX_CONCURRENT_REQUESTS: values['max-requests'] }),
  };
  const config = loadConfig({ ...process.env, ...env });
  const queues = createQueues(redis, config.queuePrefix);
  const api = new ApiClient(`http://127.0.0.1:${config.api.port}`, apiKey);
  const apiApp = await startApp('@sfmeta/api/main', env, (line) => line.includes('Server listening'), {
    built: values.built,
  });
  apps.push(apiApp);

  const cells: Cell[] = [];
  for (const workers of workerCounts) {
    log(`starting ${workers} worker process(es), concurrency ${concurrency}`);
    const fleet = await startWorkerFleet(workers, env, {
      built: values.built,
      heapMb: Number(values['worker-heap-mb']),
    });
    apps.push(...fleet.workers);
    // Discover sizes the describes from the workers it sees: all of them must be listening first.
    await untilListening(queues.describe, workers);
    const crashed = Promise.race([fleet.crashed, simulator.crashed, apiApp.crashed]);
    crashed.catch(() => {});
    for (const latencyMs of latencies) {
      await admin.setFaults(spec.name, { latencyMs });
      const connections: string[] = [];
      for (let run = 0; run < runs; run++) {
        connections.push(await connectTo(api, simulatorUrl, spec, describeOnlyScope));
      }
      const stopMeter = await meter.start();
      const cpuBefore = fleet.cpuMs();
      const simulatorCpuBefore = processCpuMs(simulator.pid);
      const stopRss = fleet.sampleRss();
      const crawls: Crawl[] = [];
      for (const connectionId of connections) {
        await admin.resetCounters(spec.name);
        const { seconds, run } = await timedRun(api, connectionId, crashed);
        const counters = await admin.counters(spec.name);
        const crawl: Crawl = {
          seconds,
          objects: run.counts.objects,
          fields: run.counts.fields,
          apiCalls: counters.apiUsage,
          peakInFlight: 'concurrentRequestsPeak' in counters ? Number(counters.concurrentRequestsPeak) : undefined,
          fanOut: fleet.fanOuts.get(run.id),
        };
        crawls.push(crawl);
        log(`${workers} worker(s), ${latencyMs} ms: ${describeCrawl(crawl)}`);
      }
      const workerCpuSeconds = (fleet.cpuMs() - cpuBefore) / 1000;
      const peakRssMb = stopRss() / MB;
      const usage = await stopMeter();
      const simulatorCpuSeconds = (processCpuMs(simulator.pid) - simulatorCpuBefore) / 1000;
      cells.push({
        workers,
        latencyMs,
        crawls,
        workerCpuSeconds,
        postgresCpuSeconds: usage.cpuDatabase,
        simulatorCpuSeconds,
        peakRssMb,
      });
      for (const connectionId of connections) await deleteConnection(api, apiKey, connectionId);
    }
    await fleet.stop();
    printWarnings(`${workers} worker(s)`, fleet.warnings);
  }
  report(cells);
} finally {
  for (const app of apps.reverse()) await app.stop();
  await meter.close();
  redis.disconnect();
  await deletePrefix(redisUrl, prefix);
  await database.drop();
}

function describeCrawl(crawl: Crawl): string {
  const fanOut = crawl.fanOut ? `${crawl.fanOut.jobs} jobs of ${crawl.fanOut.objectsPerJob}` : 'fan-out not seen';
  const peak = crawl.peakInFlight === undefined ? '' : `, at most ${crawl.peakInFlight} requests in flight`;
  return (
    `${crawl.seconds.toFixed(2)} s, ${crawl.objects} objects / ${crawl.fields} fields, ${fanOut}, ` +
    `${crawl.apiCalls} API calls${peak}`
  );
}

function report(cells: Cell[]): void {
  const fields = (cell: Cell) => cell.crawls.reduce((sum, crawl) => sum + crawl.fields, 0);
  const perThousandFields = (seconds: number, cell: Cell) => ((seconds / fields(cell)) * 1000).toFixed(3);
  const wall = (cell: Cell) => median(cell.crawls.map((crawl) => crawl.seconds));
  const first = cells[0]?.crawls[0];
  console.log(
    `\norg: ${first?.objects} objects, ${first?.fields} fields; worker concurrency ${concurrency}; ` +
      `${orgLimitMode ? 'default per-org request limit' : `per-org request limit ${values['max-requests']}`}; ` +
      `medians of ${runs} crawl(s)`,
  );
  const header = [
    'latency',
    'workers',
    'wall (median, min-max)',
    '÷ 1 worker',
    'jobs × objects',
    'API calls',
    'peak in flight',
    'worker CPU s/1k fields',
    'PG CPU s/1k fields',
    'simulator CPU s/1k fields',
    'worker peak RSS',
  ];
  const rows = cells.map((cell) => {
    const one = cells.find((other) => other.workers === 1 && other.latencyMs === cell.latencyMs);
    const seconds = cell.crawls.map((crawl) => crawl.seconds);
    const fanOut = cell.crawls[0]?.fanOut;
    const peaks = cell.crawls.flatMap((crawl) => (crawl.peakInFlight === undefined ? [] : [crawl.peakInFlight]));
    return [
      `${cell.latencyMs} ms`,
      String(cell.workers),
      `${wall(cell).toFixed(2)} s (${Math.min(...seconds).toFixed(2)}-${Math.max(...seconds).toFixed(2)})`,
      one ? `${(wall(one) / wall(cell)).toFixed(2)}×` : '',
      fanOut ? `${fanOut.jobs} × ${fanOut.objectsPerJob}` : '?',
      String(median(cell.crawls.map((crawl) => crawl.apiCalls))),
      peaks.length > 0 ? String(Math.max(...peaks)) : 'not counted',
      perThousandFields(cell.workerCpuSeconds, cell),
      perThousandFields(cell.postgresCpuSeconds, cell),
      perThousandFields(cell.simulatorCpuSeconds, cell),
      `${cell.peakRssMb.toFixed(0)} MB`,
    ];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  if (orgLimitMode) {
    const peaks = cells.flatMap((cell) => cell.crawls.map((crawl) => crawl.peakInFlight));
    const peak = peaks.some((value) => value === undefined) ? undefined : Math.max(...(peaks as number[]));
    console.log(
      peak === undefined
        ? 'the simulator does not count requests in flight (concurrentRequestsPeak): no peak to check'
        : `peak requests in flight for the org: ${peak} (at most 10 at the default limit: ` +
            `${peak <= 10 ? 'met' : 'NOT met'})`,
    );
  } else {
    const four = cells.find((cell) => cell.workers === 4 && cell.latencyMs === 1000);
    const one = cells.find((cell) => cell.workers === 1 && cell.latencyMs === 1000);
    if (four && one) console.log(`goal: 4 workers >= 3.2× one at 1,000 ms: ${(wall(one) / wall(four)).toFixed(2)}×`);
  }
  console.log(
    JSON.stringify({
      concurrency: Number(concurrency),
      maxRequests: orgLimitMode ? null : Number(values['max-requests']),
      cells: cells.map((cell) => ({ ...cell, wallMedianSeconds: wall(cell), fields: fields(cell) })),
    }),
  );
}
