import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator.ts';
import { testOrgSpec } from './test-support.ts';

const spec = testOrgSpec();
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ orgs: [spec, testOrgSpec({ name: 'other', seed: 8, clientId: 'other-id' })] });
});
afterAll(async () => {
  await sim.close();
});

describe('jsforce 3.10.16 against the simulator', () => {
  it('logs in with the password flow, describes, queries and reads limits', async () => {
    const conn = new jsforce.Connection({
      oauth2: { loginUrl: sim.url, clientId: spec.clientId, clientSecret: spec.clientSecret },
      version: '62.0',
    });
    const user = await conn.login(spec.username, spec.password + spec.securityToken);
    const org = sim.org('acme').org;
    expect(user).toMatchObject({ id: org.userId, organizationId: org.id });
    expect(conn.instanceUrl).toBe(sim.url);

    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(org.describeGlobal.sobjects.map((s) => s.name));
    const account = await conn.describe('Account');
    expect(account.fields.length).toBe(org.describes.get('Account')!.fields.length);
    expect(conn.limitInfo.apiUsage).toEqual({ used: 2, limit: 15000 });

    const reports = await conn.query('SELECT Id, Name FROM Report');
    expect(reports.totalSize).toBe(org.recordCounts.get('Report'));
    const tooling = await conn.tooling.query(
      "SELECT QualifiedApiName, Description FROM EntityDefinition WHERE QualifiedApiName = 'Account'",
    );
    expect(tooling.records[0]).toMatchObject({ QualifiedApiName: 'Account' });

    expect(sim.org('acme').counters.byKind).toMatchObject({
      oauth_token: 1,
      describe_global: 1,
      describe: 1,
      query: 1,
      tooling_query: 1,
    });
    expect(sim.org('other').counters.total).toBe(0);
  });

  it('surfaces OAuth errors by name', async () => {
    const conn = new jsforce.Connection({
      oauth2: { loginUrl: sim.url, clientId: spec.clientId, clientSecret: spec.clientSecret },
      version: '62.0',
    });
    await expect(conn.login(spec.username, 'wrong')).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'authentication failure',
    });
  });
});
