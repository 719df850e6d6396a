import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { fetchRecordCounts, urlBatches } from './record-counts.ts';
import type { SalesforceClient } from './salesforce-client.ts';
import { simulatedClient } from './fixtures/simulated-client.ts';

const org: OrgSpec = {
  name: 'counted',
  seed: 9,
  customObjects: 60,
  fieldsPerObject: 3,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@counted.test',
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

describe('fetchRecordCounts', () => {
  it('asks for every object in as few calls as the URL allows; what Salesforce left out stays out', async () => {
    const simulated = simulator.org(org.name);
    const names = [...simulated.org.describes.keys(), 'Nope__c'];
    simulated.resetCounters();

    const counts = await fetchRecordCounts(client, names, 1000);

    const expected = new Map(
      names.flatMap((name) => {
        const count = simulated.org.recordCounts.get(name);
        return count === undefined ? [] : [[name, count] as const];
      }),
    );
    expect(counts).toEqual(expected);
    expect(counts.has('Nope__c')).toBe(false);
    const urls = urlBatches(client, names, 1000);
    expect(urls.every((url) => url.length <= 1000)).toBe(true);
    expect(urls.length).toBeGreaterThan(1);
    // Filled up to the limit: one call fewer would not fit.
    expect(urls.reduce((sum, url) => sum + url.length, 0)).toBeGreaterThan((urls.length - 1) * 1000 * 0.9);
    expect(simulated.counters.byKind.record_count).toBe(urls.length);
    expect(decodeURIComponent(urls.map((url) => url.split('sObjects=')[1]).join(',')).split(',')).toEqual(names);
  });

  it('makes one call for a small org and none for no objects', async () => {
    const simulated = simulator.org(org.name);
    simulated.resetCounters();
    await fetchRecordCounts(client, ['Account', 'Contact']);
    expect(simulated.counters.byKind.record_count).toBe(1);
    expect(await fetchRecordCounts(client, [])).toEqual(new Map());
    expect(simulated.counters.byKind.record_count).toBe(1);
  });
});
