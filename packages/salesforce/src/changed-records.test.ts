import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import {
  apexBodyField,
  apexClassFields,
  apexTriggerFields,
  dashboardFields,
  fetchChangedRecords,
  reportFields,
} from './changed-records.ts';
import type { SalesforceClient } from './salesforce-client.ts';
import { isPartRefusal } from './skipped-part.ts';
import type { SoqlRecord } from './soql-batch.ts';
import { simulatedClient } from './fixtures/simulated-client.ts';

const org: OrgSpec = {
  name: 'changing',
  seed: 8,
  customObjects: 10,
  fieldsPerObject: 3,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@changing.test',
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

const modifiedAt = (record: SoqlRecord) => Date.parse(String(record.LastModifiedDate).replace('+0000', 'Z'));

/** A time between the records' modification dates, so that some changed after it and some before. */
function middleOf(records: SoqlRecord[]): Date {
  const times = records.map(modifiedAt).sort((a, b) => a - b);
  return new Date(times[Math.floor(times.length / 2)]! + 1000);
}

describe('fetchChangedRecords', () => {
  it('reads every record, without ids, when there is no earlier crawl', async () => {
    const simulated = simulator.org(org.name);
    simulated.resetCounters();
    const result = await fetchChangedRecords(client, {
      object: 'Report',
      fields: ['Id', 'Name', 'LastModifiedDate'],
      tooling: false,
    });
    expect(result.ids).toBeUndefined();
    expect(result.changed).toHaveLength(simulated.org.recordCounts.get('Report')!);
    expect(Object.keys(result.changed[0]!)).toEqual(['Id', 'Name', 'LastModifiedDate']);
    expect(simulated.counters.byKind.composite).toBe(1);
  });

  it('reads what changed since a time and every id, in one call', async () => {
    const all = await fetchChangedRecords(client, {
      object: 'Report',
      fields: ['Id', 'LastModifiedDate'],
      tooling: false,
    });
    const since = middleOf(all.changed);
    const simulated = simulator.org(org.name);
    simulated.resetCounters();

    const result = await fetchChangedRecords(client, {
      object: 'Report',
      fields: ['Id', 'LastModifiedDate'],
      tooling: false,
      since,
    });

    const expected = all.changed.filter((record) => modifiedAt(record) > since.getTime());
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.changed.length);
    expect(result.changed).toEqual(expected);
    expect(result.ids).toEqual(all.changed.map((record) => record.Id));
    expect(simulated.counters.byKind.composite).toBe(1);
    expect(simulated.counters.apiUsage).toBe(1);
  });

  it('reads Tooling objects through Tooling', async () => {
    const fields = ['Id', 'Name', 'LastModifiedDate'];
    const all = await fetchChangedRecords(client, { object: 'ApexClass', fields, tooling: true });
    const since = middleOf(all.changed);
    const result = await fetchChangedRecords(client, { object: 'ApexClass', fields, tooling: true, since });
    expect(result.changed).toEqual(all.changed.filter((record) => modifiedAt(record) > since.getTime()));
    expect(result.ids).toEqual(all.changed.map((record) => record.Id));
  });

  it("throws Salesforce's refusal, which callers can tell from a failure", async () => {
    const failure = await fetchChangedRecords(client, { object: 'Nope__c', fields: ['Id'], tooling: false }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ name: 'SalesforceError', code: 'INVALID_TYPE' });
    expect(isPartRefusal(failure)).toBe(true);
    const invalid = await fetchChangedRecords(client, { object: 'Report', fields: ['Nope'], tooling: false }).catch(
      (error: unknown) => error,
    );
    expect(invalid).toMatchObject({ code: 'INVALID_FIELD' });
    expect(isPartRefusal(invalid)).toBe(false);
  });

  it('reads the columns the crawler keeps for each kind', async () => {
    const { org: generated } = simulator.org(org.name);
    const kinds = [
      { object: 'Report', fields: reportFields, tooling: false, count: generated.reports.length },
      { object: 'Dashboard', fields: dashboardFields, tooling: false, count: generated.dashboards.length },
      {
        object: 'ApexClass',
        fields: [...apexClassFields, apexBodyField],
        tooling: true,
        count: generated.apexClasses.length,
      },
      {
        object: 'ApexTrigger',
        fields: [...apexTriggerFields, apexBodyField],
        tooling: true,
        count: generated.apexTriggers.length,
      },
    ];
    for (const { count, ...kind } of kinds) {
      const result = await fetchChangedRecords(client, kind);
      expect(result.changed).toHaveLength(count);
      expect(Object.keys(result.changed[0]!)).toEqual(kind.fields);
    }
  });

  it('tells refused parts from failures', async () => {
    const simulated = simulator.org(org.name);
    for (const [permission, object, tooling] of [
      ['reports', 'Report', false],
      ['dashboards', 'Dashboard', false],
      ['viewSetup', 'ApexTrigger', true],
      ['toolingApi', 'ApexClass', true],
    ] as const) {
      simulated.setFaults({ revokedPermissions: [permission] });
      const failure = await fetchChangedRecords(client, { object, fields: ['Id'], tooling }).catch((error) => error);
      expect(isPartRefusal(failure), `${permission}: ${String(failure)}`).toBe(true);
    }
    simulated.setFaults({});
  });
});
