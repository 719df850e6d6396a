import type { Job } from 'bullmq';
import type { JobKind, JobPayload } from '@sfmeta/queue/job-catalogue';
import type { WorkerContext } from './worker-context.ts';

/** The job of one kind, with its name typed, so that a handler cannot serve another kind. */
export type JobOf<K extends JobKind> = Job<JobPayload<K>, unknown, K>;

/** Handles one job kind: it receives the payload already checked against the kind's schema. */
export type Handler<K extends JobKind> = (
  context: WorkerContext,
  payload: JobPayload<K>,
  job: JobOf<K>,
  token?: string,
) => Promise<unknown>;
