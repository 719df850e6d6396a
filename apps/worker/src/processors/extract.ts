import { WaitingChildrenError, type Job } from 'bullmq';
import type { ExtractionRun } from '@sfmeta/catalog/run-store';
import { jobCatalogue } from '@sfmeta/queue/job-catalogue';
import { parsePayload } from '@sfmeta/queue/parse-payload';
import { describeGlobal } from '@sfmeta/salesforce/describe-objects';
import { settleFailure } from '../job-failure.ts';
import { recordRunFailure } from '../run-failure.ts';
import { clientFor, type WorkerContext } from '../worker-context.ts';

/** Objects per `describe` job: four composite calls, so a big org spreads over many workers. */
export const objectsPerDescribeJob = 100;

/**
 * Runs an extraction in two steps. `discover` lists the org's objects and fans them out as
 * `describe` child jobs, then waits; once every child is done BullMQ runs the job again, and
 * `finalize` closes the run.
 */
export async function processExtract(context: WorkerContext, job: Job, token?: string): Promise<unknown> {
  const { runId, step = 'discover' } = parsePayload('extract', job.data);
  const run = await context.runs.get(runId);
  if (!run || run.status === 'succeeded' || run.status === 'failed') return { skipped: 'run finished or deleted' };
  const log = context.logger.child({ runId, connectionId: run.connectionId, jobId: job.id });
  try {
    if (step === 'discover') {
      await discover(context, job, run);
      await job.updateData({ runId, step: 'finalize' });
    }
    // Checked before every finalize, not only after discover: an attempt that resumes at
    // `finalize` must still wait for children that are not done.
    if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    await context.runs.markSucceeded(runId);
    log.info('extraction succeeded');
    return { runId };
  } catch (error) {
    if (error instanceof WaitingChildrenError) throw error;
    return await settleFailure(job, error, (reason) => recordRunFailure(context, run, reason, error));
  }
}

async function discover(context: WorkerContext, job: Job, run: ExtractionRun): Promise<void> {
  const connection = await context.connections.get(run.connectionId);
  if (!connection) throw new Error(`Connection ${run.connectionId} no longer exists`);
  await context.runs.markRunning(run.id);
  const client = clientFor(context, connection.id, connection.orgId);
  try {
    const names = (await describeGlobal(client)).map((object) => object.name).sort();
    await context.runs.setObjectsTotal(run.id, names.length);
    const stored = await context.catalog.storedObjectNames(run.id);
    const children = [];
    for (let start = 0, batch = 0; start < names.length; start += objectsPerDescribeJob, batch++) {
      const batchNames = names.slice(start, start + objectsPerDescribeJob);
      if (batchNames.every((name) => stored.has(name))) continue;
      children.push({
        name: 'describe' as const,
        data: { runId: run.id, batch, names: batchNames },
        opts: {
          ...jobCatalogue.describe.options,
          jobId: `${run.id}-${batch}`,
          parent: { id: job.id ?? run.id, queue: job.queueQualifiedName },
          failParentOnFailure: true,
        },
      });
    }
    await context.queues.describe.addBulk(children);
    context.logger.info({ runId: run.id, objects: names.length, jobs: children.length }, 'objects listed');
  } finally {
    await context.runs.addApiCalls(run.id, client.requestsSent);
  }
}
