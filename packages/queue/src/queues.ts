import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QueueUnavailableError } from './queue-unavailable-error.ts';
import { jobCatalogue, jobKinds, type JobKind, type JobPayload } from './job-catalogue.ts';

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

/** Opens the queues on `connection`; nothing is created in Redis until a job is added. */
export function createQueues(connection: Redis, prefix: string): Queues {
  const open = <K extends JobKind>(kind: K) =>
    new Queue<JobPayload<K>, unknown, K>(jobCatalogue[kind].queue, {
      connection,
      prefix,
      defaultJobOptions: jobCatalogue[kind].options as JobsOptions,
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
