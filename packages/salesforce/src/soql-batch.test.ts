import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { loginWithPassword } from './password-login.ts';
import { SalesforceClient } from './salesforce-client.ts';
import { type QueryOutcome, runQueries, SoqlBatch, type SoqlQuery, type SoqlRecord } from './soql-batch.ts';

const org: OrgSpec = {
  name: 'batched',
  seed: 21,
  customObjects: 30,
  fieldsPerObject: 4,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@batched.test',
  password: 'pw',
  securityToken: 'TOKEN',
};
const oneCallOrg: OrgSpec = {
  ...org,
  name: 'one-call',
  clientId: 'cid-one',
  username: 'user@one.test',
  dailyApiLimit: 1,
};
const fastRetry = { retries: 6, minTimeout: 5, maxTimeout: 20 };

let simulator: Simulator;
let client: SalesforceClient;

beforeAll(async () => {
  simulator = await startSimulator({ orgs: [org, oneCallOrg], port: 0 });
  client = await clientOf(org);
});
afterAll(() => simulator.close());
afterEach(() => simulator.org(org.name).setFaults({}));

async function clientOf(spec: OrgSpec): Promise<SalesforceClient> {
  const session = await loginWithPassword({ loginUrl: simulator.url, ...spec });
  return new SalesforceClient({
    sessions: { current: async () => session, renew: async () => session },
    apiVersion: '62.0',
    retry: fastRetry,
  });
}

/** Queryable objects of the simulated org whose record count lies in [min, max]. */
function objectsWithCounts(min: number, max: number): string[] {
  const { describes, recordCounts } = simulator.org(org.name).org;
  return [...describes.values()]
    .filter((describe) => describe.queryable)
    .map((describe) => describe.name)
    .filter((name) => {
      const count = recordCounts.get(name) ?? 0;
      return count >= min && count <= max;
    });
}

/** A query answered by a plain /query request, attributes removed by hand. */
async function directly(soql: string): Promise<SoqlRecord[]> {
  const page = await client.request<{ records: SoqlRecord[]; done: boolean }>('query', {
    url: client.dataPath(`/query?q=${encodeURIComponent(soql)}`),
  });
  expect(page.done).toBe(true);
  return page.records.map(({ attributes: _, ...rest }) => rest);
}

const records = (outcome: QueryOutcome | undefined) => (outcome && 'records' in outcome ? outcome.records : undefined);
const errorOf = (outcome: QueryOutcome | undefined) => (outcome && 'error' in outcome ? outcome.error : undefined);

describe('SoqlBatch', () => {
  it('sends five queries to a composite call, one API call each, and returns records without attributes', async () => {
    const small = objectsWithCounts(1, 2000).slice(0, 7);
    expect(small).toHaveLength(7);
    const queries: SoqlQuery[] = small.map((name) => ({ soql: `SELECT Id, CreatedDate FROM ${name}`, tooling: false }));
    const simulated = simulator.org(org.name);
    simulated.resetCounters();

    const outcomes = await runQueries(client, queries);

    expect(simulated.counters.byKind.composite).toBe(2);
    expect(simulated.counters.apiUsage).toBe(2);
    for (const [index, query] of queries.entries()) {
      expect(records(outcomes[index])).toEqual(await directly(query.soql));
    }
  });

  it('follows nextRecordsUrl pages, putting the pages of several queries in one call', async () => {
    const big = objectsWithCounts(2001, 12000).slice(0, 3);
    const small = objectsWithCounts(1, 2000).slice(0, 2);
    expect(big).toHaveLength(3);
    const counts = simulator.org(org.name).org.recordCounts;
    const simulated = simulator.org(org.name);
    simulated.resetCounters();

    const outcomes = await runQueries(
      client,
      [...big, ...small].map((name) => ({ soql: `SELECT Id FROM ${name}`, tooling: false })),
    );

    for (const [index, name] of [...big, ...small].entries()) {
      const ids = records(outcomes[index])!.map((record) => record.Id);
      expect(ids).toHaveLength(counts.get(name)!);
      expect(new Set(ids).size).toBe(ids.length);
    }
    // A query's next page waits for its previous one, so the calls are as many as the longest query's pages.
    const pages = Math.max(...big.map((name) => Math.ceil(counts.get(name)! / 2000)));
    expect(simulated.counters.byKind.composite).toBe(pages);
  });

  it("gives a refused query Salesforce's error and the others their records", async () => {
    const [name] = objectsWithCounts(1, 2000);
    const outcomes = await runQueries(client, [
      { soql: `SELECT Id FROM ${name}`, tooling: false },
      { soql: `SELECT Nope__c FROM ${name}`, tooling: false },
      { soql: 'SELECT Id FROM Nope__c', tooling: false },
    ]);
    expect(records(outcomes[0])).toEqual(await directly(`SELECT Id FROM ${name}`));
    expect(errorOf(outcomes[1])).toMatchObject({ name: 'SalesforceError', code: 'INVALID_FIELD', kind: 'invalid' });
    expect(errorOf(outcomes[1])?.message).toContain("No such column 'Nope__c'");
    expect(errorOf(outcomes[2])).toMatchObject({ code: 'INVALID_TYPE', status: 400 });
  });

  it('asks again, in a later call, for subrequests that failed with a 503', async () => {
    const small = objectsWithCounts(1, 2000).slice(0, 5);
    const simulated = simulator.org(org.name);
    simulated.setFaults({ subrequest503Rate: 0.4 });
    simulated.resetCounters();
    const batch = new SoqlBatch(client, fastRetry);
    const pending = small.map((name) => batch.add({ soql: `SELECT Id, CreatedDate FROM ${name}`, tooling: false }));

    await batch.run();

    expect(batch.calls).toBeGreaterThan(1);
    expect(simulated.counters.byKind.composite).toBe(batch.calls);
    simulated.setFaults({});
    for (const [index, name] of small.entries()) {
      expect(records(await pending[index])).toEqual(await directly(`SELECT Id, CreatedDate FROM ${name}`));
    }
  });

  it('runs until the given queries are settled, keeping the rest for the next run', async () => {
    const small = objectsWithCounts(1, 2000).slice(0, 6);
    const batch = new SoqlBatch(client);
    const pending = small.map((name) => batch.add({ soql: `SELECT Id FROM ${name}`, tooling: false }));
    const settled: number[] = [];
    for (const [index, promise] of pending.entries()) void promise.then(() => settled.push(index));

    await batch.run([pending[0]!]);
    await Promise.all(pending.slice(0, 5));
    expect(batch.calls).toBe(1);
    expect(settled).toEqual([0, 1, 2, 3, 4]);

    await batch.run();
    expect(batch.calls).toBe(2);
    expect(records(await pending[5])).toHaveLength(simulator.org(org.name).org.recordCounts.get(small[5]!)!);
  });

  it('settles every query of a call the org refuses as a whole, and throws when the daily limit is spent', async () => {
    const [name] = objectsWithCounts(1, 2000);
    simulator.org(org.name).setFaults({ apiDisabled: true });
    const refused = await runQueries(client, [
      { soql: `SELECT Id FROM ${name}`, tooling: false },
      { soql: 'SELECT Id FROM Report', tooling: false },
    ]);
    expect(refused.map((outcome) => errorOf(outcome)?.code)).toEqual([
      'API_CURRENTLY_DISABLED',
      'API_CURRENTLY_DISABLED',
    ]);

    const limited = await clientOf(oneCallOrg);
    const limitedOrg = simulator.org('one-call');
    limitedOrg.resetCounters();
    const query = { soql: `SELECT Id FROM ${name}`, tooling: false };
    const first = await runQueries(limited, [query]);
    expect(records(first[0])).toBeDefined();
    await expect(runQueries(limited, [query])).rejects.toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', kind: 'limit' });
  });

  it("lets a failure of sfmeta's own (a connection refused meanwhile) through as it is, not as every query's", async () => {
    class ConnectionGone extends Error {
      readonly code = 'AUTHENTICATION_FAILED';
    }
    const gone = new ConnectionGone('the connection is needs_reauth');
    const refusing = new SalesforceClient({
      sessions: {
        current: async () => {
          throw gone;
        },
        renew: async () => {
          throw gone;
        },
      },
      apiVersion: '62.0',
      retry: fastRetry,
    });
    await expect(runQueries(refusing, [{ soql: 'SELECT Id FROM Report', tooling: true }])).rejects.toBe(gone);
  });

  it('sends Tooling queries through /tooling/composite, relationship columns nested without attributes', async () => {
    const simulated = simulator.org(org.name);
    simulated.resetCounters();
    const [fields] = await runQueries(client, [
      {
        soql:
          'SELECT DurableId, QualifiedApiName, EntityDefinition.QualifiedApiName FROM FieldDefinition ' +
          "WHERE EntityDefinition.QualifiedApiName IN ('Account', 'Contact')",
        tooling: true,
      },
    ]);
    const answered = records(fields)!;
    expect(answered.length).toBe(
      simulated.org.describes.get('Account')!.fields.length + simulated.org.describes.get('Contact')!.fields.length,
    );
    expect(answered[0]).toEqual({
      DurableId: 'Account.Id',
      QualifiedApiName: 'Id',
      EntityDefinition: { QualifiedApiName: 'Account' },
    });
    expect(simulated.counters.byKind.tooling_composite).toBe(1);
    expect(simulated.counters.apiUsage).toBe(1);
  });
});
