import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ExtractionRun, RunMode } from '@sfmeta/catalog/run-store';
import { enqueueExtract } from '@sfmeta/queue/enqueue';
import { isRunJobAlive } from '@sfmeta/queue/run-jobs';
import { AppError } from './app-error.ts';

type Deps = Pick<FastifyInstance, 'stores' | 'queues' | 'config'>;

/**
 * Starts an extraction of a connected org, or returns the one already queued or running: the
 * one place where the API creates runs. An active run whose jobs were lost is failed and
 * replaced; a run whose job could not be queued is failed at once, so it blocks nothing.
 *
 * A new run costs one statement and one `queue.add`; an active run one statement, and one Redis
 * call to check its job once it is past the workers' grace.
 */
export async function startExtraction(
  deps: Deps,
  connectionId: string,
  log: FastifyBaseLogger,
  mode: RunMode = 'incremental',
): Promise<ExtractionRun> {
  const { stores, queues } = deps;
  try {
    queues.assertReachable();
  } catch (error) {
    // An unknown or unready connection is told as such all the same; nothing is created.
    const connection = await stores.connections.get(connectionId);
    if (connection?.status !== 'connected') throw notStartable(connectionId, connection?.status);
    throw error;
  }
  const start = async () => {
    const outcome = await stores.runs.startIfConnected(connectionId, { mode });
    if (!outcome.started) throw notStartable(connectionId, outcome.connectionStatus);
    return outcome.started;
  };
  let { run, created } = await start();
  if (!created && (await isLost(deps, run))) {
    // Its jobs are gone (Redis lost its data, or someone removed them): nobody will ever
    // finish it, and it would block this connection's extractions until the workers notice.
    await stores.runs.markFailed(run.id, 'RUN_LOST', "the run's jobs were lost; a new run replaced it");
    ({ run, created } = await start());
  }
  if (!created) return run;
  try {
    await enqueueExtract(queues, { runId: run.id });
  } catch (error) {
    await stores.runs
      .markFailed(run.id, 'QUEUE_UNAVAILABLE', 'the job queue was unavailable when the run was requested')
      .catch((cleanup: unknown) => log.error({ err: cleanup, runId: run.id }, 'cleanup failed'));
    throw new AppError('QUEUE_UNAVAILABLE', 'the job queue is unavailable; try again later', { cause: error });
  }
  return run;
}

/** Why a connection cannot be extracted: it does not exist (no status), or it is not connected. */
function notStartable(connectionId: string, status: string | undefined): AppError {
  if (status === undefined) return new AppError('NOT_FOUND', `connection ${connectionId} does not exist`);
  return new AppError(
    'CONNECTION_NOT_READY',
    `connection ${connectionId} is ${status}; extraction needs a connected org`,
  );
}

/**
 * True when an active run's `extract` job no longer exists, or has ended without ending the run.
 * A run just created may not have its job yet: only runs past the workers' grace count as lost.
 */
async function isLost(deps: Deps, run: ExtractionRun): Promise<boolean> {
  if (Date.now() - run.createdAt.getTime() < deps.config.worker.lostRunGraceMs) return false;
  return !(await isRunJobAlive(deps.queues, run.id));
}
