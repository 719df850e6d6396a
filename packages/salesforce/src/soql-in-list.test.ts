import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import type { SalesforceClient } from './salesforce-client.ts';
import { recordsOf, runQueries } from './soql-batch.ts';
import { inListQueries, queryPageSize, soqlDateTime, soqlInList, soqlString } from './soql-in-list.ts';
import { simulatedClient } from './fixtures/simulated-client.ts';

const org: OrgSpec = {
  name: 'listed',
  seed: 4,
  customObjects: 10,
  fieldsPerObject: 3,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@listed.test',
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

const urlOf = (soql: string, tooling: boolean) =>
  client.dataPath(`/${tooling ? 'tooling/' : ''}query?q=${encodeURIComponent(soql)}`);
const valuesOf = (soql: string) => [...soql.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((match) => match[1]);

describe('SOQL literals', () => {
  it('escapes quotes, backslashes and line breaks', () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString('a\\b')).toBe("'a\\\\b'");
    expect(soqlString('two\nlines\t"quoted"')).toBe('\'two\\nlines\\t\\"quoted\\"\'');
    expect(soqlInList(['Account', "it's"])).toBe("('Account','it\\'s')");
    expect(soqlDateTime(new Date('2024-05-01T10:00:00.999Z'))).toBe('2024-05-01T10:00:00Z');
  });

  it('lets Salesforce read escaped names as the names they are', async () => {
    const reports = await directReports();
    const [outcome] = await runQueries(client, [
      {
        soql: `SELECT Id FROM Report WHERE Name IN ${soqlInList([reports[0]!.Name, "it's", 'back\\slash'])}`,
        tooling: false,
      },
    ]);
    expect(recordsOf(outcome!).map((record) => record.Id)).toEqual(
      reports.filter((report) => report.Name === reports[0]!.Name).map((report) => report.Id),
    );
  });
});

async function directReports(): Promise<{ Id: string; Name: string }[]> {
  const [outcome] = await runQueries(client, [{ soql: 'SELECT Id, Name FROM Report', tooling: false }]);
  return recordsOf(outcome!) as { Id: string; Name: string }[];
}

describe('inListQueries', () => {
  const names = Array.from({ length: 400 }, (_, index) => `Object_Name_Number_${index}__c`);
  const soql = (list: string) => `SELECT DurableId FROM EntityDefinition WHERE QualifiedApiName IN ${list}`;

  it('fills each URL up to the limit, and keeps every value once and in order', () => {
    const queries = inListQueries(client, [...names, names[0]!], { tooling: true, soql, maxUrlLength: 2000 });
    const urls = queries.map((query) => urlOf(query.soql, true));
    expect(urls.every((url) => url.length <= 2000)).toBe(true);
    expect(urls.slice(0, -1).every((url) => url.length > 2000 - 60)).toBe(true);
    expect(queries.flatMap((query) => valuesOf(query.soql))).toEqual(names);
    expect(queries.every((query) => query.tooling)).toBe(true);
  });

  it('keeps the expected rows of a query within one page, and the values within maxValues', () => {
    const rows = (name: string) => (name.endsWith('7__c') ? 2500 : 150);
    const queries = inListQueries(client, names, { tooling: true, soql, rowsPerValue: rows, maxValues: 12 });
    for (const query of queries) {
      const values = valuesOf(query.soql);
      const total = values.reduce((sum, value) => sum + rows(value!), 0);
      expect(values.length).toBeLessThanOrEqual(12);
      // A value that alone exceeds a page gets a query of its own.
      expect(total <= queryPageSize || values.length === 1).toBe(true);
    }
    expect(queries.flatMap((query) => valuesOf(query.soql))).toEqual(names);
    expect(inListQueries(client, [], { tooling: false, soql })).toEqual([]);
  });
});
