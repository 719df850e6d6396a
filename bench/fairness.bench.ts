/**
 * Fairness across orgs (issue 11), on the real stack: does one org's 5,000-object crawl hold up a small org's
 * crawl? Small orgs (~60 objects: the simulator's standard objects and a custom one) are crawled alone, then
 * while the big org's describe jobs fill the queue, with `--workers` worker processes (2 by default, at the
 * default concurrency of 4 and the 192 MB heap limit). Runs use the default scope (objects, fields,
 * descriptions, owners, record counts, reports, dashboards, Apex, dependencies; `--describe-only` keeps the
 * describes alone); each is a first crawl on a new connection, timed by the run's own timestamps, from its
 * creation (the POST) to its end (published), and polled once a second. The simulator, the API and the workers
 * run in processes of their own, PostgreSQL and Redis from DATABASE_URL / REDIS_URL (a database and a queue prefix
 * of its own).
 *
 * 1. alone: the first small org `--runs` times (median), every other one once;
 * 2. the small orgs all at once, without the big one: what they cost each other;
 * 3. the big org queued first (its first object stored, so all its describe jobs wait in the queue), then the
 *    first small org `--runs` times, one after another; the big crawl runs to its end, timed, with the
 *    largest worker RSS during it;
 * 4. the big org queued first again (a new connection), then every small org at once: 20 orgs by default.
 *
 * Each small org's time is printed against its time alone (goal: at most 2×). Figures are never asserted.
 *
 *   npm run bench:fairness -w @sfmeta/bench [-- --workers 2 --small-orgs 19 --small-objects 50
 *     --big-objects 5000 --fields 75 --latency 150 --runs 3 --describe-only --worker-heap-mb 192 --built]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '@sfmeta/config/config';
import { createQueues } from '@sfmeta/queue/queues';
import { createProducerRedis } from '@sfmeta/queue/redis';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { ApiClient } from './api-client.ts';
import {
  connectTo,
  describeOnlyScope,
  firstObjectStored,
  median,
  runSeconds,
  type TimedRun,
  timedRun,
} from './bench-connections.ts';
import { startApp, type AppProcess } from './bench-processes.ts';
import { stackEnv, startSimulatorApp } from './bench-stack.ts';
import { BIG_ORG_SEED, sizedOrgSpec } from './sized-org.ts';
import { describeTimings, runJobTimings } from './run-job-timings.ts';
import { printWarnings, startWorkerFleet, untilListening } from './worker-fleet.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    'small-orgs': { type: 'string', default: '19' },
    /** About this many objects in each small org's describeGlobal; the standard ones (~56) come whatever it is. */
    'small-objects': { type: 'string', default: '50' },
    'big-objects': { type: 'string', default: '5000' },
    fields: { type: 'string', default: '75' },
    latency: { type: 'string', default: '150' },
    runs: { type: 'string', default: '3' },
    'describe-only': { type: 'boolean', default: false },
    'worker-heap-mb': { type: 'string', default: '192' },
    /** Runs the API and the workers from their dist/ builds (`npm run build` first), as production does. */
    built: { type: 'boolean', default: false },
  },
});
const workerCount = Number(values.workers);
const smallOrgCount = Number(values['small-orgs']);
const latencyMs = Number(values.latency);
const runs = Number(values.runs);
const scope = values['describe-only'] ? describeOnlyScope : undefined;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MB = 1024 * 1024;
// Runs are timed by their own timestamps (runSeconds): polls only tell when to look, and seldom, so that 20
// runs polled at once do not load the API and PostgreSQL that the crawls share.
const pollMs = 1000;
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const orgSpec = (name: string, seed: number, objects: number) =>
  sizedOrgSpec(name, seed, objects, Number(values.fields));
// versioned-catalog.bench.ts's large org (its seed), by default of the same size.
const big = orgSpec('big', BIG_ORG_SEED, Number(values['big-objects']));
const smalls = Array.from({ length: smallOrgCount }, (_, index) =>
  orgSpec(`small${index + 1}`, 100 + index, Number(values['small-objects'])),
);

/** What each phase measured, per small org (by index); the pair phase measures the first one only. */
interface Measured {
  objects: number[];
  alone: number[][];
  together: number[];
  pair: number[];
  twenty: number[];
  bigSeconds: number;
  bigObjects: number;
  bigFields: number;
  bigPeakRssMb: number;
  pairsDuringBig: number;
}

const database = await createTestDatabase(serverUrl);
const prefix = createTestPrefix();
const apps: AppProcess[] = [];
const redis = createProducerRedis(redisUrl);

try {
  log(`starting the simulator: a ${big.customObjects}-custom-object org and ${smallOrgCount} small ones`);
  const { app: simulator, url: simulatorUrl } = await startSimulatorApp([big, ...smalls], latencyMs);
  apps.push(simulator);
  const apiKey = randomBytes(16).toString('hex');
  const env = await stackEnv({ redisUrl, databaseUrl: database.url, prefix, apiKey, simulatorUrl });
  const config = loadConfig({ ...process.env, ...env });
  const api = new ApiClient(`http://127.0.0.1:${config.api.port}`, apiKey);
  const apiApp = await startApp('@sfmeta/api/main', env, (line) => line.includes('Server listening'), {
    built: values.built,
  });
  apps.push(apiApp);
  const fleet = await startWorkerFleet(workerCount, env, {
    built: values.built,
    heapMb: Number(values['worker-heap-mb']),
  });
  apps.push(...fleet.workers);
  const queues = createQueues(redis, config.queuePrefix);
  await untilListening(queues.describe, workerCount);
  const crashed = Promise.race([fleet.crashed, simulator.crashed, apiApp.crashed]);
  crashed.catch(() => {});
  const connect = (spec: OrgSpec) => connectTo(api, simulatorUrl, spec, scope);
  const crawl = async (spec: OrgSpec): Promise<TimedRun> => timedRun(api, await connect(spec), crashed, pollMs);
  /** Crawls every small org at once, each on a connection made beforehand; their times in seconds. */
  const crawlAllSmall = async (): Promise<number[]> => {
    const connections = await Promise.all(smalls.map(connect));
    const timed = await Promise.all(connections.map((id) => timedRun(api, id, crashed, pollMs)));
    return timed.map(({ seconds }) => seconds);
  };
  /** Starts a full crawl of the big org and waits until its describe jobs are queued; the run's promise. */
  const startBig = async (): Promise<{ done: Promise<TimedRun> }> => {
    const connectionId = await connect(big);
    const runId = await api.startRun(connectionId, 'full');
    await firstObjectStored(api, runId, crashed);
    const done = Promise.race([api.waitForRun(runId, pollMs), crashed]).then((run) => ({
      seconds: runSeconds(run),
      run,
    }));
    done.catch(() => {});
    return { done };
  };

  // 1. Alone.
  const alone: number[][] = [];
  const objects: number[] = [];
  for (const [index, spec] of smalls.entries()) {
    const times: number[] = [];
    for (let run = 0; run < (index === 0 ? runs : 1); run++) {
      const { seconds, run: view } = await crawl(spec);
      times.push(seconds);
      objects[index] = view.counts.objects;
      if (index === 0) log(`${spec.name} alone: ${describeTimings(await runJobTimings(queues, view.id))}`);
    }
    alone.push(times);
    log(`${spec.name} alone: ${times.map((s) => s.toFixed(2)).join(', ')} s (${objects[index]} objects)`);
  }

  // 2. The small orgs together.
  log(`${smallOrgCount} small orgs at once`);
  const together = await crawlAllSmall();

  // 3. The first small org while the big one fills the queue.
  log(`big org (${big.customObjects} custom objects) queued, then ${smalls[0]!.name} ${runs} time(s)`);
  const stopRss = fleet.sampleRss();
  const bigRun = await startBig();
  let bigDone = false;
  void bigRun.done.then(() => {
    bigDone = true;
  });
  const pair: number[] = [];
  let pairsDuringBig = 0;
  for (let run = 0; run < runs; run++) {
    const { seconds, run: view } = await crawl(smalls[0]!);
    pair.push(seconds);
    if (!bigDone) pairsDuringBig++;
    const after = bigDone ? ' (the big crawl had ended)' : '';
    const timings = describeTimings(await runJobTimings(queues, view.id));
    log(`${smalls[0]!.name} with the big org queued: ${seconds.toFixed(2)} s${after}; ${timings}`);
  }
  const bigCrawl = await bigRun.done;
  const bigPeakRssMb = stopRss() / MB;
  const { objects: bigObjects } = bigCrawl.run.counts;
  log(`big org: ${bigCrawl.seconds.toFixed(1)} s, ${bigObjects} objects, peak RSS ${bigPeakRssMb.toFixed(0)} MB`);

  // 4. Twenty orgs: the big one queued first, then every small one.
  log(`big org queued again, then the ${smallOrgCount} small orgs at once`);
  await startBig();
  const twenty = await crawlAllSmall();

  printWarnings('workers', fleet.warnings);
  report({
    objects,
    alone,
    together,
    pair,
    twenty,
    bigSeconds: bigCrawl.seconds,
    bigObjects: bigCrawl.run.counts.objects,
    bigFields: bigCrawl.run.counts.fields,
    bigPeakRssMb,
    pairsDuringBig,
  });
} finally {
  // The second big crawl is cut short here: the bench has what it measures.
  for (const app of apps.reverse()) await app.stop();
  redis.disconnect();
  await deletePrefix(redisUrl, prefix);
  await database.drop();
}

function report(m: Measured): void {
  const ratio = (seconds: number, index: number) => `${(seconds / median(m.alone[index]!)).toFixed(2)}×`;
  const everyOrg = `${smallOrgCount + 1} orgs at once`;
  const header = ['org', 'objects', 'alone', `${smallOrgCount} small at once`, 'with the big one', everyOrg];
  const rows = m.alone.map((times, index) => [
    smalls[index]!.name,
    String(m.objects[index]),
    `${median(times).toFixed(2)} s`,
    `${m.together[index]!.toFixed(2)} s (${ratio(m.together[index]!, index)})`,
    index === 0 ? `${median(m.pair).toFixed(2)} s (${ratio(median(m.pair), index)})` : '',
    `${m.twenty[index]!.toFixed(2)} s (${ratio(m.twenty[index]!, index)})`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  const worstTwenty = Math.max(...m.twenty.map((seconds, index) => seconds / median(m.alone[index]!)));
  console.log(
    `\n${workerCount} worker process(es) at the default concurrency; ${latencyMs} ms per request; ` +
      `scope ${values['describe-only'] ? 'describes only' : 'default'}; the small orgs' times, and their ratio ` +
      'to the same org alone (goal: at most 2×)',
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `with the big one: ${median(m.pair).toFixed(2)} s median of ${m.pair.length} (${m.pairsDuringBig} while the ` +
      `big crawl ran), ${ratio(median(m.pair), 0)}; ${everyOrg}: worst ${worstTwenty.toFixed(2)}×`,
  );
  console.log(
    `big org: ${m.bigObjects} objects, ${m.bigFields} fields, ${m.bigSeconds.toFixed(1)} s; largest worker peak ` +
      `RSS ${m.bigPeakRssMb.toFixed(0)} MB (goal: at most 250 MB)`,
  );
  console.log(JSON.stringify({ workers: workerCount, latencyMs, ...m }));
}
