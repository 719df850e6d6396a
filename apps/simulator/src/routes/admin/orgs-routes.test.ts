import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from '../../admin-client.ts';
import type { SObjectDescribe } from '../../describe-types.ts';
import { generateOrg } from '../../generate-org.ts';
import { orgInconsistencies } from '../../mutations/org-consistency.ts';
import { setupCounts } from '../../org/setup-counts.ts';
import { startSimulator, type Simulator } from '../../simulator.ts';
import { adminRequest, httpLogin, restGet } from '../../test-http.ts';
import { testOrgSpec } from '../../test-support.ts';

const acme = testOrgSpec();
const beta = testOrgSpec({
  name: 'beta',
  clientId: 'beta-id',
  seed: 3,
  customObjects: 2,
  fieldsPerObject: 3,
  dailyApiLimit: 500,
});
let sim: Simulator;
let admin: SimulatorAdminClient;
beforeEach(async () => {
  sim = await startSimulator({ orgs: [acme, beta] });
  admin = new SimulatorAdminClient({ url: sim.url });
});
afterEach(() => sim.close());

const sobjectNames = async (token: string) =>
  ((await (await restGet(sim.url, token, '/sobjects')).json()) as { sobjects: { name: string }[] }).sobjects.map(
    (s) => s.name,
  );
// The org's hierarchy custom setting (Org_Settings__c) is not one of the generated custom objects.
const customNames = (names: string[]) => names.filter((n) => n.endsWith('__c') && n !== 'Org_Settings__c');

describe('GET /__admin/orgs', () => {
  it('lists every org with its id, shape and sizes, and no secrets', async () => {
    const orgs = await admin.orgs();
    const fieldsOf = (name: string) =>
      [...sim.org(name).org.describes.values()].reduce((n, d) => n + d.fields.length, 0);
    expect(orgs).toEqual([
      {
        name: 'acme',
        id: sim.org('acme').org.id,
        clientId: 'acme-id',
        username: 'admin@acme.test',
        shape: { customObjects: 6, fieldsPerObject: 30, seed: 7, dailyApiLimit: 15000, ...setupCounts(acme) },
        objects: sim.org('acme').org.describeGlobal.sobjects.length,
        fields: fieldsOf('acme'),
      },
      {
        name: 'beta',
        id: sim.org('beta').org.id,
        clientId: 'beta-id',
        username: 'admin@acme.test',
        shape: { customObjects: 2, fieldsPerObject: 3, seed: 3, dailyApiLimit: 500, ...setupCounts(beta) },
        objects: sim.org('beta').org.describeGlobal.sobjects.length,
        fields: fieldsOf('beta'),
      },
    ]);
    expect(orgs[0]!.objects).toBeGreaterThan(6);
    expect(orgs[0]!.shape.reports).toBe(sim.org('acme').org.reports.length);
    expect(orgs[0]!.shape.apexTriggers).toBe(sim.org('acme').org.apexTriggers.length);
    expect(JSON.stringify(orgs)).not.toContain('acme-secret');
  });
});

describe('PUT /__admin/orgs/:name/shape', () => {
  it(
    'regenerates the org in place: describeGlobal lists the new objects, ' + 'and the same token keeps working',
    async () => {
      const token = await httpLogin(sim.url, acme);
      const before = await sobjectNames(token);
      expect(customNames(before)).toHaveLength(6);
      const { id, userId } = sim.org('acme').org;

      const summary = await admin.setShape('acme', { customObjects: 20, fieldsPerObject: 5 });
      const expected = generateOrg({ ...acme, customObjects: 20, fieldsPerObject: 5 });
      expect(summary).toMatchObject({
        name: 'acme',
        id,
        shape: { customObjects: 20, fieldsPerObject: 5, seed: 7, dailyApiLimit: 15000 },
      });
      expect(summary.objects).toBe(expected.describeGlobal.sobjects.length);

      const after = await sobjectNames(token);
      expect(customNames(after)).toHaveLength(20);
      expect(after).toEqual(expected.describeGlobal.sobjects.map((s) => s.name));
      const added = customNames(after).find((n) => !before.includes(n))!;
      expect((await restGet(sim.url, token, `/sobjects/${added.toUpperCase()}/describe`)).status).toBe(200);
      expect((await restGet(sim.url, token, `/query?q=${encodeURIComponent(`SELECT Id FROM ${added}`)}`)).status).toBe(
        200,
      );
      expect((await restGet(sim.url, token, '')).status).toBe(200);
      expect(
        (await fetch(`${sim.url}/id/${id}/${userId}`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(200);
      expect(sim.org('beta').org.spec.customObjects).toBe(2);
    },
  );

  it('drops cached describes and query tables: a kept object has its new fields, a removed one is gone', async () => {
    const token = await httpLogin(sim.url, acme);
    const before = customNames(await sobjectNames(token));
    const shrunk = generateOrg({ ...acme, customObjects: 3, fieldsPerObject: 4 });
    const kept = before.find((n) => shrunk.describes.has(n))!;
    const removed = before.find((n) => !shrunk.describes.has(n))!;
    const describe = async (name: string) =>
      (await (await restGet(sim.url, token, `/sobjects/${name}/describe`)).json()) as SObjectDescribe;
    const query = (name: string) => restGet(sim.url, token, `/query?q=${encodeURIComponent(`SELECT Id FROM ${name}`)}`);
    const keptBefore = await describe(kept);
    expect((await query(removed)).status).toBe(200);

    await admin.setShape('acme', { customObjects: 3, fieldsPerObject: 4 });
    const expected = shrunk.describes.get(kept)!;
    const keptAfter = await describe(kept);
    expect(keptAfter.fields.map((f) => f.name)).toEqual(expected.fields.map((f) => f.name));
    expect(keptAfter.fields.length).toBeLessThan(keptBefore.fields.length);
    expect((await restGet(sim.url, token, `/sobjects/${removed}/describe`)).status).toBe(404);
    const gone = await query(removed);
    expect(gone.status).toBe(400);
    expect(((await gone.json()) as { errorCode: string }[])[0]!.errorCode).toBe('INVALID_TYPE');
  });

  it(
    'marks the metadata changed now, ' + 'so If-Modified-Since taken before the change gets 200 instead of 304',
    async () => {
      const token = await httpLogin(sim.url, acme);
      const since = { 'if-modified-since': new Date().toUTCString() };
      expect((await restGet(sim.url, token, '/sobjects', since)).status).toBe(304);
      await admin.setShape('acme', { customObjects: 7, fieldsPerObject: 30 });
      expect((await restGet(sim.url, token, '/sobjects', since)).status).toBe(200);
    },
  );

  it('takes a new seed and daily API limit when given', async () => {
    const token = await httpLogin(sim.url, acme);
    const before = customNames(await sobjectNames(token));
    const summary = await admin.setShape('acme', { customObjects: 6, fieldsPerObject: 30, seed: 8, dailyApiLimit: 40 });
    expect(summary.shape).toEqual({
      customObjects: 6,
      fieldsPerObject: 30,
      seed: 8,
      dailyApiLimit: 40,
      ...setupCounts({ ...acme, seed: 8 }),
    });
    expect(customNames(await sobjectNames(token))).toEqual(
      customNames(generateOrg({ ...acme, seed: 8 }).describeGlobal.sobjects.map((s) => s.name)),
    );
    expect(customNames(await sobjectNames(token))).not.toEqual(before);
    const limits = (await (await restGet(sim.url, token, '/limits')).json()) as { DailyApiRequests: { Max: number } };
    expect(limits.DailyApiRequests.Max).toBe(40);
  });

  it('takes counts of reports, dashboards, Apex classes and triggers, and keeps the API user', async () => {
    const before = sim.org('acme').org;
    const counts = { reports: 70, dashboards: 3, apexClasses: 0, apexTriggers: 9 };
    const summary = await admin.setShape('acme', { customObjects: 6, fieldsPerObject: 30, ...counts });
    expect(summary.shape).toMatchObject(counts);
    const after = sim.org('acme').org;
    expect([after.reports, after.dashboards, after.apexClasses, after.apexTriggers].map((l) => l.length)).toEqual([
      70, 3, 0, 9,
    ]);
    expect(after.userId).toBe(before.userId);
    expect(after.users[0]!.id).toBe(before.userId);
    expect(orgInconsistencies(after)).toEqual([]);
    // Counts not given stay: the next shape without them keeps 70 reports.
    await admin.setShape('acme', { customObjects: 5, fieldsPerObject: 30 });
    expect(sim.org('acme').org.reports).toHaveLength(70);
    const token = await httpLogin(sim.url, acme);
    const reports = await restGet(sim.url, token, `/query?q=${encodeURIComponent('SELECT Id FROM Report')}`);
    expect(await reports.json()).toMatchObject({ totalSize: 70 });
  });

  it('refuses a bad shape with 400 naming the problem, and leaves the org as it was', async () => {
    const refusals = [
      [{ customObjects: 3001, fieldsPerObject: 1 }, 'customObjects must be <= 3000'],
      [{ customObjects: 2 }, 'fieldsPerObject'],
      [{ customObjects: 2, fieldsPerObject: 1, name: 'x' }, 'name is not a known key'],
      [{ customObjects: 2, fieldsPerObject: -1 }, 'fieldsPerObject must be >= 0'],
    ] as const;
    for (const [body, message] of refusals) {
      const res = await adminRequest(sim.url, 'PUT', '/orgs/acme/shape', { body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(message);
    }
    expect(sim.org('acme').org.spec).toEqual(acme);
  });
});
