import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { connect, connectionBody, extract } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'umbrella',
  seed: 31,
  customObjects: 250,
  fieldsPerObject: 15,
  clientId: 'umbrella-client',
  clientSecret: 'umbrella-secret-value',
  username: 'admin@umbrella.test',
  password: 'umbrella-password-value',
  securityToken: 'UMBRELLATOKEN',
};

async function completedDescribeJobs(stack: Stack, index: number): Promise<number> {
  const metric = await stack.workers[index]!.context.metrics.jobs.get();
  return (
    metric.values.find((value) => value.labels.queue === 'describe' && value.labels.outcome === 'completed')?.value ?? 0
  );
}

describe('two worker processes', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ orgs: [org], workers: 2, env: { SFMETA_WORKER_CONCURRENCY: '1' } });
  });
  afterAll(() => stack?.stop());

  it('share one big crawl, and the catalog is still exact', async () => {
    const connection = await connect(stack, connectionBody(stack, org));
    stack.simulator.org(org.name).setFaults({ latencyMs: 15 });
    const run = await extract(stack, connection.id);
    expect(run.status).toBe('succeeded');
    const describeJobs = Math.ceil(stack.simulator.org(org.name).org.describes.size / 100);
    const first = await completedDescribeJobs(stack, 0);
    const second = await completedDescribeJobs(stack, 1);
    expect(first + second).toBe(describeJobs);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    stack.simulator.org(org.name).setFaults({});
    await expectCatalogEqualsOrg(stack, connection.id, stack.simulator.org(org.name).org);
  });
});
