import { Worker, type Job } from 'bullmq';
import { jobCatalogue, jobKinds, type JobKind, type JobPayload } from '@sfmeta/queue/job-catalogue';
import { parsePayload } from '@sfmeta/queue/parse-payload';
import type { RedisConnection } from '@sfmeta/queue/redis';
import { adaptDescribeSlots } from './describe-slots.ts';
import type { Handler } from './handler.ts';
import { recordLostFailure } from './lost-failure.ts';
import { processCollect } from './processors/collect.ts';
import { processConnect } from './processors/connect.ts';
import { processWebhookDelivery } from './processors/deliver-webhook.ts';
import { processDescribe } from './processors/describe.ts';
import { processExtract } from './processors/extract.ts';
import { processRetention } from './processors/retention.ts';
import { processScheduleTick } from './processors/schedule-tick.ts';
import type { WorkerContext } from './worker-context.ts';

/** Every job kind has its handler: a kind without one, or with another kind's, does not compile. */
const handlers: { [K in JobKind]: Handler<K> } = {
  connect: processConnect,
  extract: processExtract,
  describe: processDescribe,
  collect: processCollect,
  webhook: processWebhookDelivery,
  schedule: processScheduleTick,
  retention: processRetention,
};

/** How often a process fits its describe concurrency to how busy it was (describe-slots.ts). */
const describeSlotsIntervalMs = 1000;

/** The running BullMQ workers of this process. */
export interface Workers {
  close(): Promise<void>;
}

/** Starts one BullMQ worker per job kind of the catalogue, with metrics and logging on every outcome. */
export function startWorkers(context: WorkerContext, connection: RedisConnection): Workers {
  const workers = jobKinds.map((kind) => startWorker(context, connection, kind));
  const describe = workers[jobKinds.indexOf('describe')]!;
  const { concurrency, adaptiveDescribeSlots } = context.config.worker;
  context.metrics.describeSlots.set(concurrency);
  const stopAdapting = adaptiveDescribeSlots
    ? adaptDescribeSlots(describe, {
        max: concurrency,
        intervalMs: describeSlotsIntervalMs,
        onChange: (slots, utilization) => {
          context.metrics.describeSlots.set(slots);
          context.logger.info({ slots, eventLoopUtilization: Number(utilization.toFixed(2)) }, 'describe slots');
        },
      })
    : () => {};
  return {
    close: async () => {
      stopAdapting();
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}

function startWorker<K extends JobKind>(
  context: WorkerContext,
  connection: RedisConnection,
  kind: K,
): { concurrency: number; close(): Promise<void> } {
  const queue = jobCatalogue[kind].queue;
  const handle = handlers[kind] as Handler<K>;
  const worker = new Worker<JobPayload<K>, unknown, K>(
    queue,
    // A malformed payload fails the job as unrecoverable before any handler sees it.
    (job, token) => handle(context, parsePayload(kind, job.data), job, token),
    {
      connection,
      prefix: context.config.queuePrefix,
      // Connect jobs and webhook deliveries mostly wait on the network.
      concurrency:
        kind === 'connect' || kind === 'webhook'
          ? context.config.worker.connectConcurrency
          : context.config.worker.concurrency,
      lockDuration: context.config.worker.lockDurationMs,
      stalledInterval: context.config.worker.stalledIntervalMs,
      // Describe jobs resume after what they stored, so picking a crashed one up again is cheap.
      maxStalledCount: context.config.worker.maxStalledCount,
    },
  );
  worker.on('completed', (job) => {
    context.metrics.jobs.inc({ queue, outcome: 'completed' });
    observeDuration(context, queue, 'completed', job);
  });
  worker.on('failed', (job, error) => {
    const outcome = job?.finishedOn ? 'failed' : 'retried';
    context.metrics.jobs.inc({ queue, outcome });
    if (job) observeDuration(context, queue, outcome, job);
    context.logger.warn({ queue, jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, `job ${outcome}`);
    if (job && outcome === 'failed') {
      recordLostFailure(context, kind, job).catch((failure: unknown) =>
        context.logger.error({ queue, jobId: job.id, err: failure }, 'could not record a job failure'),
      );
    }
  });
  worker.on('error', (error) => context.logger.error({ queue, err: error }, 'worker error'));
  return worker;
}

function observeDuration(context: WorkerContext, queue: string, outcome: string, job: Job): void {
  if (job.processedOn === undefined) return;
  const seconds = ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000;
  context.metrics.jobDuration.observe({ queue, outcome }, seconds);
}
