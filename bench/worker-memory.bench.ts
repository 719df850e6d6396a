/**
 * A worker's memory on a big org (issue 11: at most 250 MB RSS on a 5,000-object org), on the real stack: one
 * first crawl of fairness.bench.ts's big org with the default scope, `--workers` worker processes at production's
 * 192 MB heap limit. Each worker's RSS is read every 100 ms beside the run's progress (polled every 200 ms), and
 * the largest is printed for each step of the run: describing (objects stored < listed) and after it (publishing,
 * which derives the lineage from the whole catalog). Figures are never asserted.
 *
 *   npm run bench:memory -w @sfmeta/bench [-- --workers 2 --objects 5000 --fields 75 --latency 150
 *     --worker-heap-mb 192 --built --keep-database]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '@sfmeta/config/config';
import { createQueues } from '@sfmeta/queue/queues';
import { createProducerRedis } from '@sfmeta/queue/redis';
import { createTestDatabase } from '@sfmeta/testing/test-database';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { waitForExtraction } from '@sfmeta/client/wait-for-extraction';
import { ApiClient, type RunView } from './api-client.ts';
import { connectTo } from './bench-connections.ts';
import { startApp, type AppProcess } from './bench-processes.ts';
import { stackEnv, startSimulatorApp } from './bench-stack.ts';
import { BIG_ORG_SEED, sizedOrgSpec } from './sized-org.ts';
import { currentRss } from './process-memory.ts';
import { printWarnings, startWorkerFleet, untilListening } from './worker-fleet.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    objects: { type: 'string', default: '5000' },
    fields: { type: 'string', default: '75' },
    latency: { type: 'string', default: '150' },
    'worker-heap-mb': { type: 'string', default: '192' },
    /** Runs the API and the workers from their dist/ builds (`npm run build` first), as production does. */
    built: { type: 'boolean', default: false },
    /** Leaves the crawled catalog's database in place (its URL is printed), to study the lineage step alone. */
    'keep-database': { type: 'boolean', default: false },
  },
});
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MB = 1024 * 1024;
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

// fairness.bench.ts's big org.
const big = sizedOrgSpec('big', BIG_ORG_SEED, Number(values.objects), Number(values.fields));

/** A step of the run: its objects described and stored, then published. */
type Step = 'describing' | 'publishing';

const database = await createTestDatabase(serverUrl);
const prefix = createTestPrefix();
const apps: AppProcess[] = [];
const redis = createProducerRedis(redisUrl);

try {
  log(`starting the simulator: a ${big.customObjects}-custom-object org`);
  const { app: simulator, url: simulatorUrl } = await startSimulatorApp([big], Number(values.latency));
  apps.push(simulator);
  const apiKey = randomBytes(16).toString('hex');
  const env = await stackEnv({ redisUrl, databaseUrl: database.url, prefix, apiKey, simulatorUrl });
  const config = loadConfig({ ...process.env, ...env });
  const api = new ApiClient(`http://127.0.0.1:${config.api.port}`, apiKey);
  apps.push(
    await startApp('@sfmeta/api/main', env, (line) => line.includes('Server listening'), { built: values.built }),
  );
  const workerCount = Number(values.workers);
  const fleet = await startWorkerFleet(workerCount, env, {
    built: values.built,
    heapMb: Number(values['worker-heap-mb']),
  });
  apps.push(...fleet.workers);
  await untilListening(createQueues(redis, config.queuePrefix).describe, workerCount);
  const idleMb = Math.max(...fleet.workers.map((worker) => currentRss(worker.pid))) / MB;

  const connectionId = await connectTo(api, simulatorUrl, big);
  const cpuBefore = fleet.cpuMs();
  const started = performance.now();
  const runId = await api.startRun(connectionId, 'full');
  let step: Step = 'describing';
  /** The largest RSS seen in each step, bytes. */
  const peaks: Record<Step, number> = { describing: 0, publishing: 0 };
  const sampler = setInterval(() => {
    const largest = Math.max(...fleet.workers.map((worker) => currentRss(worker.pid)));
    peaks[step] = Math.max(peaks[step], largest);
  }, 100);
  const onPoll = ({ progress }: RunView) => {
    const { objectsDone, objectsTotal, objectsVanished = 0 } = progress;
    if (objectsTotal && objectsDone + objectsVanished >= objectsTotal) step = 'publishing';
  };
  const run = await waitForExtraction(api.client, runId, { intervalMs: 200, onPoll }).finally(() =>
    clearInterval(sampler),
  );
  if (run.status !== 'succeeded') throw new Error(`run ${runId} failed: ${JSON.stringify(run.error)}`);
  const seconds = (performance.now() - started) / 1000;
  const cpuPerThousandFields = (fleet.cpuMs() - cpuBefore) / run.counts.fields;
  printWarnings('workers', fleet.warnings);
  console.log(
    `\n${run.counts.objects} objects, ${run.counts.fields} fields, ${seconds.toFixed(1)} s with ${workerCount} ` +
      `worker process(es), ${values['worker-heap-mb']} MB heap limit; the largest worker RSS (goal: at most 250 MB)`,
  );
  console.log(`workers' CPU            ${cpuPerThousandFields.toFixed(3)} s per 1,000 fields`);
  console.log(`idle before the crawl   ${idleMb.toFixed(0)} MB`);
  console.log(`describing              ${(peaks.describing / MB).toFixed(0)} MB`);
  console.log(`publishing (lineage)    ${(peaks.publishing / MB).toFixed(0)} MB`);
  console.log(
    JSON.stringify({
      workers: workerCount,
      fields: run.counts.fields,
      seconds,
      cpuPerThousandFields,
      idleMb,
      describingMb: peaks.describing / MB,
      publishingMb: peaks.publishing / MB,
    }),
  );
} finally {
  for (const app of apps.reverse()) await app.stop();
  redis.disconnect();
  await deletePrefix(redisUrl, prefix);
  if (values['keep-database']) log(`the database is kept: ${database.url}`);
  else await database.drop();
}
