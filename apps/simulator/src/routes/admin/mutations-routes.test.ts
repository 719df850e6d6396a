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
