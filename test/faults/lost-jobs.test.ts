import { afterEach, describe, expect, it } from 'vitest';
import { expectCatalogEqualsOrg } from '../support/catalog-comparison.ts';
import { connect, connectionBody, waitForRun, extractUntilStored } from '../support/flow.ts';
import { sleep } from '../support/processes.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { faultOrg, slowCrawl } from './fault-org.ts';

describe('describe jobs that vanish', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  /** Starts a slow extraction and waits until its first objects are stored. */
  async function startSlowRun(): Promise<{ connectionId: string; runId: string }> {
    stack = await startStack({ orgs: [faultOrg], env: slowCrawl });
    const connection = await connect(stack, connectionBody(stack, faultOrg));
    stack.simulator.org(faultOrg.name).setFaults({ latencyMs: 60 });
    const runId = await extractUntilStored(stack, connection.id);
    return { connectionId: connection.id, runId };
  }

  /** Removes the waiting describe jobs, as an operator emptying the queue from the dashboard would. */
  async function removeWaitingDescribes(): Promise<number> {
    const describe = stack!.workers[0]!.context.queues.describe;
    // Run jobs wait prioritized (run-jobs.ts); 'waiting' holds those a stalled worker gave back.
    const waiting = await describe.getJobs(['waiting', 'prioritized']);
    await Promise.all(waiting.map((job) => job.remove().catch(() => {})));
    return waiting.length;
  }

  it('describes them again at finalize, and the run succeeds with the exact catalog', async () => {
    const { connectionId, runId } = await startSlowRun();
    expect(await removeWaitingDescribes()).toBeGreaterThan(0);
    const run = await waitForRun(stack!, runId);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.progress.objectsDone).toBe(run.progress.objectsTotal);
    stack!.simulator.org(faultOrg.name).setFaults({});
    await expectCatalogEqualsOrg(stack!, connectionId, stack!.simulator.org(faultOrg.name).org);
  });

  it('fails the run as INCOMPLETE_CATALOG, never publishing it, when they keep vanishing', async () => {
    const { connectionId, runId } = await startSlowRun();
    let removing = true;
    const remover = (async () => {
      while (removing) {
        await removeWaitingDescribes();
        await sleep(20);
      }
    })();
    const run = await waitForRun(stack!, runId);
    removing = false;
    await remover;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('INCOMPLETE_CATALOG');
    expect(run.error?.message).toMatch(/listed objects were never stored/);
    const catalog = await stack!.call<{ code: string }>('GET', `/api/v1/connections/${connectionId}/objects`);
    expect(catalog.status).toBe(404);
    expect(catalog.body.code).toBe('NO_CATALOG');
  });
});
