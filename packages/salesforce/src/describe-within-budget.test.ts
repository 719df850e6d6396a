import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { describeObject } from './describe-objects.ts';
import { describeWithinBudget } from './describe-within-budget.ts';
import { loginWithPassword } from './password-login.ts';
import { SalesforceClient } from './salesforce-client.ts';
import { SalesforceError } from './salesforce-error.ts';

const org: OrgSpec = {
  name: 'budgeted',
  seed: 12,
  customObjects: 30,
  fieldsPerObject: 2,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@budgeted.test',
  password: 'pw',
  securityToken: 'TOKEN',
  dailyApiLimit: 20,
};

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ orgs: [org], port: 0 });
});
afterAll(() => simulator.close());

const ids = Array.from({ length: 10 }, (_, index) => `00O${index}`);

describe('describeWithinBudget', () => {
  it('describes as many as the call budget allows and gives the others a BUDGET reason', async () => {
    const described: string[] = [];
    const outcomes = await describeWithinBudget(
      ids,
      async (id) => {
        described.push(id);
        return { id };
      },
      { maxCalls: 4, concurrency: 2 },
    );
    expect(described).toEqual(ids.slice(0, 4));
    expect([...outcomes.keys()]).toEqual(ids);
    expect(outcomes.get(ids[0]!)).toEqual({ describe: { id: ids[0] } });
    expect(outcomes.get(ids[4]!)).toEqual({ reason: 'BUDGET: this run may spend 4 calls on describes' });
  });

  it('gives refused and missing items their error as the reason, and throws any other error', async () => {
    const failing = (failures: Record<string, SalesforceError>) => async (id: string) => {
      if (failures[id]) throw failures[id];
      return id;
    };
    const refused = new SalesforceError('INSUFFICIENT_ACCESS', "You don't have sufficient privileges", 'permission');
    const missing = new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 'not_found');
    const outcomes = await describeWithinBudget(ids, failing({ '00O1': refused, '00O2': missing }), {
      maxCalls: 100,
      concurrency: 3,
    });
    expect(outcomes.get('00O1')).toEqual({ reason: "INSUFFICIENT_ACCESS: You don't have sufficient privileges" });
    expect(outcomes.get('00O2')).toEqual({ reason: 'NOT_FOUND: The requested resource does not exist' });
    expect(outcomes.get('00O3')).toEqual({ describe: '00O3' });

    const broken = new SalesforceError('SERVER_UNAVAILABLE', 'Server temporarily unavailable', 'transient');
    await expect(
      describeWithinBudget(ids, failing({ '00O5': broken }), { maxCalls: 100, concurrency: 3 }),
    ).rejects.toBe(broken);
  });

  it("stops once the org's daily usage leaves less than the reserve", async () => {
    const simulated = simulator.org(org.name);
    const session = await loginWithPassword({ loginUrl: simulator.url, ...org });
    const client = new SalesforceClient({
      sessions: { current: async () => session, renew: async () => session },
      apiVersion: '62.0',
    });
    simulated.resetCounters();
    const names = [...simulated.org.describes.keys()].slice(0, 15);

    const outcomes = await describeWithinBudget(names, (name) => describeObject(client, name), {
      maxCalls: 100,
      concurrency: 1,
      apiUsage: () => client.apiUsage,
      reserve: 0.5,
    });

    // 20 a day with half in reserve: the describe that brings usage to 11 is the last one.
    const described = names.filter((name) => 'describe' in outcomes.get(name)!);
    expect(described).toEqual(names.slice(0, 11));
    expect(simulated.counters.apiUsage).toBe(11);
    expect(outcomes.get(names[11]!)).toEqual({
      reason: 'BUDGET: daily API usage 11/20 leaves less than the 50 % reserve',
    });
  });
});
