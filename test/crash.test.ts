import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { connect, connectionBody, extract, waitForRun, type RunView, extractUntilStored } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';
import { spawnWorker } from './support/worker-child.ts';

const org: OrgSpec = {
  name: 'massive-dynamic',
  seed: 57,
  customObjects: 150,
  fieldsPerObject: 10,
  clientId: 'md-client',
  clientSecret: 'md-secret-value',
  username: 'admin@md.test',
  password: 'md-password-value',
  securityToken: 'MDTOKEN',
};

// Short locks, so that a dead worker's jobs are noticed within seconds.
const fastRecovery = {
  SFMETA_LOCK_DURATION_MS: '2000',
  SFMETA_STALLED_INTERVAL_MS: '1000',
  SFMETA_WORKER_CONCURRENCY: '2',
  SFMETA_DESCRIBE_CONCURRENCY: '1',
};

describe('a worker that dies mid-crawl', () => {
  let stack: Stack | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await stack?.stop();
    stack = undefined;
  });

  /** Starts an extraction on a worker in its own process and kills it (SIGKILL) once objects are stored. */
  async function crashMidCrawl(env: Record<string, string>): Promise<{ connectionId: string; runId: string }> {
    stack = await startStack({ orgs: [org], workers: 1, env });
    const connection = await connect(stack, connectionBody(stack, org));
    await stack.workers[0]!.close();
    stack.workers.splice(0, 1);
    child = await spawnWorker(stack, env);
    stack.simulator.org(org.name).setFaults({ latencyMs: 40 });
    stack.simulator.org(org.name).resetCounters();
    const runId = await extractUntilStored(stack, connection.id);
    child.kill('SIGKILL');
    const midway = (await stack.call<RunView>('GET', `/api/v1/extractions/${runId}`)).body;
    expect(midway.status).toBe('running');
    expect(midway.progress.objectsDone).toBeLessThan(midway.progress.objectsTotal ?? 0);
    return { connectionId: connection.id, runId };
  }

  it('has its jobs picked up by another worker, which finishes the exact catalog and counts every call', async () => {
    const { connectionId, runId } = await crashMidCrawl(fastRecovery);
    stack!.simulator.org(org.name).setFaults({});
    await stack!.startWorker();
    const run = await waitForRun(stack!, runId);
    expect(run.status).toBe('succeeded');
    // Calls are recorded before they are sent: the killed worker's calls are all in the count.
    // A kill between recording and sending may add one per request in flight (2 here), never lose one.
    const orgCounted = stack!.simulator.org(org.name).counters.apiUsage;
    expect(run.apiCalls).toBeGreaterThanOrEqual(orgCounted);
    expect(run.apiCalls).toBeLessThanOrEqual(orgCounted + 2);
    await expectCatalogEqualsOrg(stack!, connectionId, stack!.simulator.org(org.name).org);
  });

  it('fails the run, rather than leaving it running, when its jobs may not be picked up again', async () => {
    const { connectionId, runId } = await crashMidCrawl({ ...fastRecovery, SFMETA_MAX_STALLED_COUNT: '0' });
    stack!.simulator.org(org.name).setFaults({});
    await stack!.startWorker();
    const run = await waitForRun(stack!, runId);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('JOB_FAILED');
    // The connection is not blocked: the next extraction runs.
    const next = await extract(stack!, connectionId);
    expect(next.status).toBe('succeeded');
  });
});
