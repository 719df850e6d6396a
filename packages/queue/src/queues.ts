import { Queue, type JobsOptions } from 'bullmq';
import { QueueUnavailableError } from './queue-unavailable-error.ts';
import { jobCatalogue, jobKinds, type JobKind, type JobPayload } from './job-catalogue.ts';
import type { RedisConnection } from './redis.ts';

/** The typed queue of each job kind. */
export type QueueOf = { [K in JobKind]: Queue<JobPayload<K>, unknown, K> };

/** One typed BullMQ queue per job kind. */
export type Queues = QueueOf & {
  /** Every queue of the catalogue, for the dashboard and metrics. */
  all(): Queue[];
  /** Throws QueueUnavailableError unless Redis is connected, so producers never wait on it. */
  assertReachable(): void;
  close(): Promise<void>;
};

/**
 * Opens the queues on `connection`; nothing is created in Redis until a job is added. Every queue
 * shares `prefix`, a hash tag (`{sfmeta}`): a flow's parent and children live in different queues,
 * and BullMQ's scripts touch their keys together, which a Redis Cluster allows within one slot only.
 */
export function createQueues(connection: RedisConnection, prefix: string): Queues {
  const open = <K extends JobKind>(kind: K) =>
    new Queue<JobPayload<K>, unknown, K>(jobCatalogue[kind].queue, {
      connection,
      prefix,
      defaultJobOptions: jobCatalogue[kind].options as JobsOptions,
      // BullMQ would ask Redis for its version (INFO) once, when the queue opens, and keep a failure for
      // good: an INFO that timed out (commandTimeout) while start-up kept the event loop busy left the
      // queue refusing every job until a restart. Workers check the version on their own connections.
      skipVersionCheck: true,
    });
  const queues = Object.fromEntries(jobKinds.map((kind) => [kind, open(kind)])) as QueueOf;
  const all = jobKinds.map((kind) => queues[kind] as Queue);
  return {
    ...queues,
    all: () => all,
    assertReachable: () => {
      if (connection.status !== 'ready') throw new QueueUnavailableError(`Redis is ${connection.status}`);
    },
    close: async () => {
      await Promise.all(all.map((queue) => queue.close()));
    },
  };
}
