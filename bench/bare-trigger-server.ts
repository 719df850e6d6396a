/**
 * The trigger bench's baseline: a bare Fastify server, in a process of its own, doing the I/O that
 * `POST /api/v1/connections/:id/extractions` needs and nothing else. No auth, no schemas, no logging,
 * no metrics. The pool and the Redis connection are made as the API makes them (`createPool`'s
 * defaults, `createProducerRedis`), and the job is added with the extract queue's options.
 *
 * - `POST /bare/:id/runs`: one `INSERT … ON CONFLICT DO NOTHING RETURNING` into `bare_runs` (extraction_runs'
 *   columns, its foreign key to connections and its one-active-run index) and one `queue.add` with the
 *   run id as job id;
 * - `POST /bare/jobs`: one `queue.add` alone.
 *
 * Environment: DATABASE_URL, REDIS_URL, BARE_PORT, BARE_QUEUE_PREFIX. Prints `bare server listening on URL`.
 */
import { randomUUID } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import Fastify from 'fastify';
import { createPool } from '@sfmeta/catalog/database';
import { jobCatalogue } from '@sfmeta/queue/job-catalogue';
import { createProducerRedis } from '@sfmeta/queue/redis';

const BARE_RUNS_TABLE = `
  CREATE TABLE IF NOT EXISTS bare_runs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    status text NOT NULL DEFAULT 'queued',
    mode text NOT NULL,
    trigger text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE UNIQUE INDEX IF NOT EXISTS bare_runs_one_active_idx ON bare_runs (connection_id)
    WHERE status IN ('queued', 'running');`;

const pool = createPool(process.env.DATABASE_URL!, { applicationName: 'sfmeta-bare', statementTimeoutMs: 10_000 });
await pool.query(BARE_RUNS_TABLE);
const redis = createProducerRedis(process.env.REDIS_URL!);
const queue = new Queue('extract', {
  connection: redis,
  prefix: process.env.BARE_QUEUE_PREFIX!,
  defaultJobOptions: jobCatalogue.extract.options as JobsOptions,
});

const app = Fastify();

app.post<{ Params: { id: string } }>('/bare/:id/runs', async (request, reply) => {
  const { rows } = await pool.query<{ id: string; created_at: Date }>(
    `INSERT INTO bare_runs (connection_id, mode, trigger) VALUES ($1, 'incremental', 'api')
     ON CONFLICT (connection_id) WHERE status IN ('queued', 'running') DO NOTHING
     RETURNING *`,
    [request.params.id],
  );
  const run = rows[0];
  if (run) await queue.add('extract', { runId: run.id }, { jobId: run.id });
  return reply.code(202).send(run ?? {});
});

app.post('/bare/jobs', async (_request, reply) => {
  const runId = randomUUID();
  await queue.add('extract', { runId }, { jobId: runId });
  return reply.code(202).send({ id: runId });
});

const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.BARE_PORT ?? 0) });
console.log(`bare server listening on ${url}`);
