import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { connect, connectionBody, extractUntilStored, readRun, startExtraction, waitForRun } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const orgOf = (name: string, seed: number, customObjects: number): OrgSpec => ({
  name,
  seed,
  customObjects,
  fieldsPerObject: 6,
  clientId: `${name}-client`,
  clientSecret: `${name}-secret-value`,
  username: `admin@${name}.test`,
  password: `${name}-password-value`,
  securityToken: `${name.toUpperCase()}TOKEN`,
});

/** About 700 objects: 7 describe jobs of 100 for one worker of concurrency 4. */
const big = orgOf('globex', 41, 300);
/** About 65 objects: described by its extract job, with no describe job. */
const small = orgOf('hooli', 42, 4);

describe('fairness across runs', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Fixed describe slots: a worker that took fewer jobs because it was busy would hold the big crawl back too.
    stack = await startStack({ orgs: [big, small], env: { SFMETA_ADAPTIVE_DESCRIBE_SLOTS: 'false' } });
  });
  afterAll(() => stack?.stop());

  it('holds a big crawl to one describe job while a smaller run is under way, then lets it go on', async () => {
    const bigConnection = await connect(stack, connectionBody(stack, big));
    const smallConnection = await connect(stack, connectionBody(stack, small));
    // Slow enough that the big crawl is still describing while the small one runs.
    stack.simulator.org(big.name).setFaults({ latencyMs: 150 });
    stack.simulator.org(small.name).setFaults({ latencyMs: 150 });
    const { context } = stack.workers[0]!;
    const bigRunId = await extractUntilStored(stack, bigConnection.id);
    const smallRun = await startExtraction(stack, smallConnection.id);

    // While the small run is under way, the big run's describe jobs that end are not replaced: with jobs of its
    // own still queued, it has one at most going (without giving way, all four slots would be its own).
    const held: number[] = [];
    for (;;) {
      const run = await readRun(stack, smallRun.id);
      if (run.status === 'succeeded' || run.status === 'failed') break;
      const [active, queued] = await Promise.all([
        context.queues.describe.getActive(),
        context.queues.describe.getJobs(['prioritized', 'delayed', 'waiting']),
      ]);
      const ofBig = (jobs: typeof active) => jobs.filter((job) => job.data.runId === bigRunId).length;
      if (ofBig(queued) > 0) held.push(ofBig(active));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await readRun(stack, smallRun.id)).status).toBe('succeeded');
    expect(Math.min(...held)).toBeLessThanOrEqual(1);
    const gaveWay = (await context.metrics.describeGiveWays.get()).values[0]?.value ?? 0;
    expect(gaveWay).toBeGreaterThan(0);

    // Alone again, the big run takes every slot and ends with its exact catalog.
    stack.simulator.org(big.name).setFaults({});
    const bigRun = await waitForRun(stack, bigRunId);
    expect(bigRun.status).toBe('succeeded');
    await expectCatalogEqualsOrg(stack, bigConnection.id, stack.simulator.org(big.name).org);
    await expectCatalogEqualsOrg(stack, smallConnection.id, stack.simulator.org(small.name).org);
  });
});
