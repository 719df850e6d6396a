import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '@sfmeta/client/unwrap';
import { maxObjectsPerDescribeJob } from '@sfmeta/queue/describe-batch-size';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { connect, connectionBody, extract } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'acme',
  seed: 11,
  customObjects: 15,
  fieldsPerObject: 40,
  clientId: 'acme-client',
  clientSecret: 'acme-secret-value',
  username: 'admin@acme.test',
  password: 'acme-password-value',
  securityToken: 'ACMETOKENVALUE',
};

describe('an extraction from API to catalog', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ orgs: [org] });
  });
  afterAll(() => stack?.stop());

  it('connects, extracts, and serves exactly the org it crawled', async () => {
    const connection = await connect(stack, connectionBody(stack, org));
    const simulated = stack.simulator.org(org.name);
    expect(connection.status).toBe('connected');
    expect(connection.orgId).toBe(simulated.org.id);
    expect(connection.userId).toBe(simulated.org.userId);

    simulated.resetCounters();
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    const describes = [...simulated.org.describes.values()];
    expect(run.counts.objects).toBe(describes.length);
    expect(run.counts.fields).toBe(describes.reduce((sum, describe) => sum + describe.fields.length, 0));
    expect(run.progress).toMatchObject({ objectsTotal: describes.length, objectsDone: describes.length, percent: 100 });

    // An org that one describe job would take is described by its extract job itself: no describe job. Describes
    // travel 25 to a composite call, each counted once against the org's limit; the queries of reports,
    // dashboards and users take a few more. Tooling's descriptions and owners take two /tooling/composite calls
    // for all the objects, Apex one each, and MetadataComponentDependency one (every component type together).
    const counters = simulated.counters;
    expect(describes.length).toBeLessThanOrEqual(maxObjectsPerDescribeJob);
    const describeJobs = await stack.workers[0]!.context.queues.describe.getJobCounts();
    expect(Object.values(describeJobs).reduce((sum, count) => sum + count, 0)).toBe(0);
    expect(counters.byKind.describe ?? 0).toBe(0);
    expect(counters.byKind.composite).toBeGreaterThanOrEqual(Math.ceil(describes.length / 25));
    expect(counters.byKind.composite).toBeLessThanOrEqual(Math.ceil(describes.length / 25) + 3);
    expect(counters.byKind.tooling_composite).toBeLessThanOrEqual(2 + 3);
    expect(counters.byKind.report_describe).toBe(simulated.org.reports.length);
    expect(counters.byKind.dashboard_describe).toBe(simulated.org.dashboards.length);
    expect(run.apiCalls).toBe(counters.apiUsage);

    await expectCatalogEqualsOrg(stack, connection.id, simulated.org);

    // Record counts: Salesforce's for each object it counted, null (unknown, not zero) for the rest.
    const listed = unwrap(
      await stack.client.GET('/api/v1/connections/{id}/objects', {
        params: { path: { id: connection.id }, query: { limit: '2000' } },
      }),
    );
    const counts = Object.fromEntries(listed.items.map((item) => [item.name, item.recordCount]));
    const expected = Object.fromEntries(
      describes.map(({ name }) => [name, simulated.org.recordCounts.get(name) ?? null]),
    );
    expect(counts).toEqual(expected);
    const account = unwrap(
      await stack.client.GET('/api/v1/connections/{id}/objects/{name}', {
        params: { path: { id: connection.id, name: 'Account' } },
      }),
    );
    expect(account.recordCount).toBe(simulated.org.recordCounts.get('Account'));
  });

  it('answers a second extraction request with the active run', async () => {
    const connection = await connect(stack, connectionBody(stack, org));
    const start = () =>
      stack.client.POST('/api/v1/connections/{id}/extractions', { params: { path: { id: connection.id } }, body: {} });
    const first = await start();
    const second = await start();
    expect(first.response.status).toBe(202);
    expect(second.response.status).toBe(202);
    expect(unwrap(second).id).toBe(unwrap(first).id);
  });
});
