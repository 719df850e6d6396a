import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentDependencies } from '@sfmeta/simulator/org/component-dependencies';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { dependencyKey, dependencyRowCap, fetchComponentDependencies } from './component-dependencies.ts';
import { simulatedClient } from './fixtures/simulated-client.ts';
import type { SalesforceClient } from './salesforce-client.ts';

// 500 Apex classes reference more than 2,000 objects and fields: the ApexClass query hits the cap.
const org: OrgSpec = {
  name: 'dependent',
  seed: 12,
  customObjects: 40,
  fieldsPerObject: 12,
  apexClasses: 500,
  apexTriggers: 20,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@dependent.test',
  password: 'pw',
  securityToken: 'TOKEN',
};

let simulator: Simulator;
let client: SalesforceClient;

beforeAll(async () => {
  simulator = await startSimulator({ orgs: [org], port: 0 });
  client = await simulatedClient(simulator.url, org);
});
afterAll(() => simulator.close());

/** The rows the crawler should read: every component of these types, and roll-up fields' field references. */
function plantedRows(types: readonly string[], rollupIds: readonly string[]) {
  const rollups = new Set(rollupIds);
  return componentDependencies(simulator.org(org.name).org)
    .map((planted) => planted.row)
    .filter(
      (row) =>
        types.includes(row.MetadataComponentType) ||
        (row.MetadataComponentType === 'CustomField' &&
          row.RefMetadataComponentType === 'CustomField' &&
          rollups.has(row.MetadataComponentId)),
    )
    .map((row) => dependencyKey(row))
    .sort();
}

describe('fetchComponentDependencies', () => {
  it('reads every row, splitting a query cut at 2,000 rows by component id', async () => {
    const simulated = simulator.org(org.name);
    const classes = simulated.org.apexClasses.map((c) => c.id);
    const triggers = simulated.org.apexTriggers.map((t) => t.id);
    const rollupIds = [
      ...new Set(
        componentDependencies(simulated.org)
          .filter((planted) => planted.row.MetadataComponentType === 'CustomField')
          .map((planted) => planted.row.MetadataComponentId),
      ),
    ];
    expect(rollupIds.length).toBeGreaterThan(0);
    const classRows = plantedRows(['ApexClass'], []).length;
    expect(classRows).toBeGreaterThan(dependencyRowCap);

    simulated.resetCounters();
    const found = await fetchComponentDependencies(client, {
      apexClassIds: classes,
      apexTriggerIds: triggers,
      rollupFieldIds: rollupIds,
    });
    expect(found.skipped).toEqual([]);
    expect(found.truncated).toEqual([]);
    expect(found.rows.map((row) => dependencyKey(row)).sort()).toEqual(
      plantedRows(['ApexClass', 'ApexTrigger', 'Flow'], rollupIds),
    );
    // One composite for the four queries by type, then the 500 classes in 5 queries of 100 ids: one more.
    expect(simulated.counters.byKind.tooling_composite).toBe(2);
  });

  it('reads only the component types in the scope', async () => {
    const found = await fetchComponentDependencies(client, {
      apexClassIds: null,
      apexTriggerIds: null,
      rollupFieldIds: [],
    });
    expect(found.rows.map((row) => dependencyKey(row)).sort()).toEqual(plantedRows(['Flow'], []));
  });

  it('says why when the org refuses the Dependency API, and reads nothing', async () => {
    const simulated = simulator.org(org.name);
    simulated.setFaults({ revokedPermissions: ['dependencyApi'] });
    try {
      const found = await fetchComponentDependencies(client, {
        apexClassIds: [],
        apexTriggerIds: [],
        rollupFieldIds: [],
      });
      expect(found.rows).toEqual([]);
      expect(found.skipped).toEqual([expect.objectContaining({ part: 'dependencies', code: 'INVALID_TYPE' })]);
    } finally {
      simulated.setFaults({ revokedPermissions: [] });
    }
  });
});
