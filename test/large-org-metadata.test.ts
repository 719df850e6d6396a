import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { listCatalogNames } from './support/catalog-comparison.ts';
import { connect, connectionBody, extract } from './support/flow.ts';
import { expectToolingFactsEqualOrg, listItems } from './support/setup-comparison.ts';
import { startStack, type Stack } from './support/stack.ts';

// More than 2,000 entities (EntityDefinition cannot page past 2,000 rows), and more than 2,000 Apex classes
// (Tooling pages of 2,000 records, followed through nextRecordsUrl).
const org: OrgSpec = {
  name: 'sprawl',
  seed: 73,
  customObjects: 950,
  fieldsPerObject: 2,
  reports: 10,
  dashboards: 2,
  apexClasses: 2300,
  apexTriggers: 5,
  clientId: 'sprawl-client',
  clientSecret: 'sprawl-secret-value',
  username: 'admin@sprawl.test',
  password: 'sprawl-password-value',
  securityToken: 'SPRAWLTOKEN',
};

describe('an org past the Tooling API limits', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ orgs: [org] });
  });
  afterAll(() => stack?.stop());

  it('extracts more than 2,000 entities with their descriptions, and more than 2,000 Apex classes', async () => {
    const simulated = stack.simulator.org(org.name).org;
    expect(simulated.entities.size).toBeGreaterThan(2000);
    const connection = await connect(stack, connectionBody(stack, org));
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.counts).toMatchObject({ objects: simulated.describes.size, apexClasses: 2300, skippedParts: 0 });
    expect((await listCatalogNames(stack, connection.id)).length).toBe(simulated.describes.size);

    const classes = await listItems(stack, connection.id, 'apex-classes', 2000);
    expect(classes.map((item) => item.id)).toEqual(simulated.apexClasses.map((item) => item.id).sort());

    // Descriptions, owners and dates of a sample spread over the whole org.
    const names = [...simulated.entities.keys()];
    const sample = names.filter((_, index) => index % 40 === 0);
    const sampled = { ...simulated, entities: new Map(sample.map((name) => [name, simulated.entities.get(name)!])) };
    await expectToolingFactsEqualOrg(stack, connection.id, sampled);
  });
});
