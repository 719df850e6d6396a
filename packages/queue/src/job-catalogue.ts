import { Type, type Static } from 'typebox';
import type { JobsOptions } from 'bullmq';

const Uuid = Type.String({ format: 'uuid' });

/** The kinds of metadata a run reads besides objects and fields, one `collect` job each. */
export const metadataParts = ['reports', 'dashboards', 'apex_classes', 'apex_triggers'] as const;
export type MetadataPart = (typeof metadataParts)[number];
// The collect payload lists them again, as literals: a part missing there fails to compile here.
type CollectPart = Static<(typeof jobCatalogue)['collect']['payload']>['part'];
const _everyPartCollected: [MetadataPart] extends [CollectPart] ? true : never = true;

const retention = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
} satisfies JobsOptions;

/**
 * The contract between the API and the workers: each job's queue, payload schema and default
 * options. Payloads carry ids only; secrets stay in the catalog store, encrypted.
 */
export const jobCatalogue = {
  /** Logs in to the org (or exchanges an authorization code) and records who we are there. */
  connect: {
    queue: 'connect',
    payload: Type.Object({ connectionId: Uuid }, { additionalProperties: false }),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, ...retention },
  },
  /** Lists the org's objects and fans their describes out as `describe` jobs. */
  extract: {
    queue: 'extract',
    payload: Type.Object(
      {
        runId: Uuid,
        step: Type.Optional(Type.Union([Type.Literal('discover'), Type.Literal('finalize')])),
        /** How many times finalizing has re-queued describes of missing objects. */
        repairs: Type.Optional(Type.Integer({ minimum: 0 })),
        /**
         * Objects per describe job, chosen once by discover (describeBatchSize) and kept, so that a retried
         * discover cuts the same batches under the same job ids, and repair rounds cut theirs alike.
         */
        objectsPerJob: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      },
      { additionalProperties: false },
    ),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, ...retention },
  },
  /** Describes one batch of objects of a run and stores them. */
  describe: {
    queue: 'describe',
    payload: Type.Object(
      {
        runId: Uuid,
        batch: Type.Integer({ minimum: 0 }),
        names: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { minItems: 1, maxItems: 1000 }),
      },
      { additionalProperties: false },
    ),
    options: { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, ...retention },
  },
  /**
   * Reads one other kind of a run's metadata (reports, dashboards, Apex classes or triggers) and
   * stores it; a child of the run's `extract` job, like the describes.
   */
  collect: {
    queue: 'metadata',
    payload: Type.Object(
      {
        runId: Uuid,
        part: Type.Union([
          Type.Literal('reports'),
          Type.Literal('dashboards'),
          Type.Literal('apex_classes'),
          Type.Literal('apex_triggers'),
        ]),
      },
      { additionalProperties: false },
    ),
    options: { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, ...retention },
  },
  /** One tick of a connection's extraction schedule: starts a run unless one is active. */
  schedule: {
    queue: 'schedule',
    payload: Type.Object({ connectionId: Uuid }, { additionalProperties: false }),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, ...retention },
  },
  /** Sends one webhook delivery; the URL, secret and body stay in the catalog store. */
  webhook: {
    queue: 'webhook',
    payload: Type.Object({ deliveryId: Uuid }, { additionalProperties: false }),
    // About an hour of retries at the default delay (SFMETA_WEBHOOK_RETRY_DELAY_MS overrides it).
    options: { attempts: 8, backoff: { type: 'exponential', delay: 30_000 }, ...retention },
  },
  /** Removes the runs and catalog versions that retention no longer keeps; queued by a job scheduler. */
  retention: {
    queue: 'maintenance',
    payload: Type.Object({}, { additionalProperties: false }),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, ...retention },
  },
} as const satisfies Record<string, { queue: string; payload: unknown; options: JobsOptions }>;

export type JobKind = keyof typeof jobCatalogue;
export type JobPayload<K extends JobKind> = Static<(typeof jobCatalogue)[K]['payload']>;
export const jobKinds = Object.keys(jobCatalogue) as JobKind[];
