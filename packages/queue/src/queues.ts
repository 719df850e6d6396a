import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QueueUnavailableError } from './queue-unavailable-error.ts';
import { jobCatalogue, type JobKind, type JobPayload } from './job-catalogue.ts';

/** One typed BullMQ queue per job kind. */
export type Queues = { [K in JobKind]: Queue<JobPayload<K>, unknown, K> } & {
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
  const queues = { connect: open('connect'), extract: open('extract'), describe: open('describe') };
  return {
    ...queues,
    assertReachable: () => {
      if (connection.status !== 'ready') throw new QueueUnavailableError(`Redis is ${connection.status}`);
    },
    close: async () => {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    },
  };
}
