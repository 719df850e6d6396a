import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import type { SalesforceClient } from './salesforce-client.ts';
import { recordsOf, runQueries } from './soql-batch.ts';
import { fetchUsers, fetchUsersModifiedSince, type SalesforceUser } from './users.ts';
import { simulatedClient } from './fixtures/simulated-client.ts';

const org: OrgSpec = {
  name: 'peopled',
  seed: 31,
  customObjects: 5,
  fieldsPerObject: 2,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@peopled.test',
  password: 'pw',
  securityToken: 'TOKEN',
};

let simulator: Simulator;
let client: SalesforceClient;
let everyone: SalesforceUser[];

beforeAll(async () => {
  simulator = await startSimulator({ orgs: [org], port: 0 });
  client = await simulatedClient(simulator.url, org);
  const [all] = await runQueries(client, [
    { soql: 'SELECT Id, Name, Email, Username, IsActive, SystemModstamp FROM User', tooling: false },
  ]);
  everyone = recordsOf(all!).map((record) => ({
    id: String(record.Id),
    name: (record.Name as string | null) ?? null,
    email: (record.Email as string | null) ?? null,
    username: (record.Username as string | null) ?? null,
    isActive: (record.IsActive as boolean | null) ?? null,
    systemModstamp: (record.SystemModstamp as string | null) ?? null,
  }));
});
afterAll(() => simulator.close());

describe('fetchUsers', () => {
  it('reads the users with the given ids, five id lists to a call', async () => {
    expect(everyone.length).toBeGreaterThan(1);
    const wanted = everyone.filter((_, index) => index % 2 === 0);
    // Unknown ids besides, until they need several calls: about 340 ids fit in an 8 KB URL, so 12 queries.
    const unknown = Array.from({ length: 4000 }, (_, i) => `005${String(i).padStart(12, '0')}AAA`);
    const ids = [...wanted.map((user) => user.id), ...unknown];
    const simulated = simulator.org(org.name);
    simulated.resetCounters();

    const result = await fetchUsers(client, ids);

    expect(result.skipped).toEqual([]);
    expect(result.users).toEqual(wanted);
    expect(simulated.counters.byKind.composite).toBe(3);
  });

  it('reads the users changed since a time', async () => {
    const stamps = everyone.map((user) => user.systemModstamp!).sort();
    const middle = stamps[Math.floor(stamps.length / 2)]!;
    const since = new Date(Date.parse(middle.replace('+0000', 'Z')));
    const result = await fetchUsersModifiedSince(client, since);
    expect(result.users).toEqual(
      everyone.filter((user) => Date.parse(user.systemModstamp!.replace('+0000', 'Z')) > since.getTime()),
    );
  });

  it('returns the refusal as a skipped part when the user may not read User', async () => {
    const simulated = simulator.org(org.name);
    simulated.setFaults({ revokedPermissions: ['users'] });
    try {
      const result = await fetchUsers(client, [everyone[0]!.id]);
      expect(result).toEqual({
        users: [],
        skipped: [{ part: 'users', code: 'INVALID_TYPE', message: expect.stringContaining("sObject type 'User'") }],
      });
      expect((await fetchUsersModifiedSince(client, new Date(0))).skipped).toHaveLength(1);
    } finally {
      simulated.setFaults({});
    }
  });
});
