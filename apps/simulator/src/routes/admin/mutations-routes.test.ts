import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Mutation, SimulatorAdminClient } from '../../admin-client.ts';
import { generateOrg } from '../../generate-org.ts';
import { randomMutations } from '../../mutations/random-mutations.ts';
import { startSimulator, type Simulator } from '../../simulator.ts';
import { adminRequest, httpLogin, restGet } from '../../test-http.ts';
import { testOrgSpec } from '../../test-support.ts';

const acme = testOrgSpec();
let sim: Simulator;
let admin: SimulatorAdminClient;
beforeEach(async () => {
  sim = await startSimulator({ orgs: [acme] });
  admin = new SimulatorAdminClient({ url: sim.url });
});
afterEach(() => sim.close());

describe('POST /__admin/orgs/:name/mutations', () => {
  it('applies the mutations and answers them with what they changed; describes show it at once', async () => {
    const token = await httpLogin(sim.url, acme);
    const since = { 'if-modified-since': new Date().toUTCString() };
    const mutations: Mutation[] = [
      { kind: 'addObject', name: 'Carrier__c', fields: [{ name: 'Code__c', label: 'Code', type: 'string' }] },
      { kind: 'relabelObject', object: 'Lead', label: 'Prospect' },
    ];
    const report = await admin.mutate('acme', { mutations });
    expect(report).toEqual({
      mutations,
      added: ['Carrier__c'],
      removed: [],
      changed: ['Group', 'Lead', 'User'],
      setupItems: { added: [], removed: [], changed: [] },
      modifiedAt: sim.org('acme').org.lastModified.toISOString(),
    });
    const carrier = await restGet(sim.url, token, '/sobjects/Carrier__c/describe', since);
    expect(carrier.status).toBe(200);
    expect(carrier.headers.get('last-modified')).toBe(new Date(report.modifiedAt!).toUTCString());
    expect((await restGet(sim.url, token, '/sobjects/Lead/describe', since)).status).toBe(200);
    expect((await restGet(sim.url, token, '/sobjects/Account/describe', since)).status).toBe(304);
    const query = await restGet(sim.url, token, `/query?q=${encodeURIComponent('SELECT Id FROM Carrier__c')}`);
    expect(await query.json()).toMatchObject({ totalSize: 0, done: true });
  });

  it('changes reports, Apex and descriptions; queries, describes and analytics see it at once', async () => {
    const token = await httpLogin(sim.url, acme);
    const query = async (soql: string, tooling = false) => {
      const res = await restGet(sim.url, token, `/${tooling ? 'tooling/' : ''}query?q=${encodeURIComponent(soql)}`);
      return ((await res.json()) as { records: Record<string, unknown>[] }).records;
    };
    const before = sim.org('acme').org;
    const report = before.reports[0]!;
    const since = before.lastModified;
    const entityQuery =
      "SELECT Description, LastModifiedDate FROM EntityDefinition WHERE QualifiedApiName = 'Policy__c'";
    // Fill the caches the mutations must drop.
    await query('SELECT Id, Name FROM Report');
    await query('SELECT Id FROM ApexTrigger', true);
    const [entityBefore] = await query(entityQuery, true);
    const describeSince = { 'if-modified-since': new Date().toUTCString() };
    expect((await restGet(sim.url, token, '/sobjects/Policy__c/describe', describeSince)).status).toBe(304);

    const result = await admin.mutate('acme', {
      mutations: [
        { kind: 'changeReport', report: report.id, name: 'Renamed report' },
        { kind: 'addApexTrigger', name: 'PolicyTrigger', object: 'Policy__c' },
        { kind: 'setObjectDescription', object: 'Policy__c', description: 'Who is covered, and for what.' },
      ],
    });
    const after = sim.org('acme').org;
    const trigger = after.apexTriggers.at(-1)!;
    expect(result).toMatchObject({
      changed: ['Policy__c'],
      setupItems: { added: [trigger.id], removed: [], changed: [report.id] },
    });
    const literal = since.toISOString().replace('.000Z', 'Z');
    expect((await query(`SELECT Id, Name FROM Report WHERE LastModifiedDate > ${literal}`)).map((r) => r.Name)).toEqual(
      ['Renamed report'],
    );
    const triggers = await query(`SELECT Id, TableEnumOrId FROM ApexTrigger WHERE LastModifiedDate > ${literal}`, true);
    expect(triggers).toEqual([expect.objectContaining({ Id: trigger.id, TableEnumOrId: trigger.tableEnumOrId })]);
    const [entityAfter] = await query(entityQuery, true);
    expect(entityAfter).toMatchObject({ Description: 'Who is covered, and for what.' });
    expect(entityAfter!.LastModifiedDate).not.toBe(entityBefore!.LastModifiedDate);
    expect((await restGet(sim.url, token, '/sobjects/Policy__c/describe', describeSince)).status).toBe(200);
    expect((await restGet(sim.url, token, '/sobjects/Account/describe', describeSince)).status).toBe(304);
    const describe = await restGet(sim.url, token, `/analytics/reports/${report.id}/describe`);
    expect(((await describe.json()) as { reportMetadata: { name: string } }).reportMetadata.name).toBe(
      'Renamed report',
    );
    // A later batch is stamped after these changes, even within the same second.
    const next = await admin.mutate('acme', {
      mutations: [{ kind: 'removeApexTrigger', apexTrigger: 'PolicyTrigger' }],
    });
    expect(Date.parse(next.modifiedAt!)).toBeGreaterThan(Date.parse(result.modifiedAt!));
  });

  it('makes seeded random mutations, spelt out in the answer, the same for the same seed', async () => {
    const expected = randomMutations(generateOrg(acme), { seed: 5, count: 12 });
    const report = await admin.mutate('acme', { random: { seed: 5, count: 12 } });
    expect(report.mutations).toEqual(expected);
    expect(report.added.length + report.removed.length + report.changed.length).toBeGreaterThan(0);

    const other = await startSimulator({ orgs: [acme] });
    try {
      await new SimulatorAdminClient({ url: other.url }).mutate('acme', { mutations: expected });
      expect(JSON.stringify([...other.org('acme').org.describes])).toBe(
        JSON.stringify([...sim.org('acme').org.describes]),
      );
    } finally {
      await other.close();
    }
  });

  it('refuses a bad request with 400 naming the problem, and changes nothing', async () => {
    const before = sim.org('acme').org;
    const refusals: [unknown, string][] = [
      [{}, 'give either mutations or random'],
      [{ mutations: [], random: { seed: 1, count: 1 } }, 'give either mutations or random'],
      [{ random: { seed: 1 } }, 'invalid mutation request: random must have required properties count'],
      [{ mutations: [{ kind: 'explode' }] }, 'invalid mutations.0: kind must be one of addObject, removeObject'],
      [
        {
          mutations: [
            { kind: 'relabelObject', object: 'Lead', label: 'X' },
            { kind: 'removeObject', object: 'Lead' },
          ],
        },
        'mutations.1 (removeObject): Lead is not a custom object',
      ],
      [{ mutation: [] }, 'mutation is not a known key'],
    ];
    for (const [body, message] of refusals) {
      const res = await adminRequest(sim.url, 'POST', '/orgs/acme/mutations', { body: JSON.stringify(body) });
      expect(res.status, message).toBe(400);
      expect(((await res.json()) as { message: string }).message, message).toContain(message);
    }
    expect(sim.org('acme').org).toBe(before);
  });
});
