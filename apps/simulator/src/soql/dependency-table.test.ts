import { describe, expect, it } from 'vitest';
import { componentDependencies } from '../org/component-dependencies.ts';
import type { Faults } from '../runtime/faults.ts';
import { get, login, testApp, testOrgSpec } from '../test-support.ts';

const V = '/services/data/v62.0';
const tooling = (soql: string) => `${V}/tooling/query?q=${encodeURIComponent(soql)}`;
const COLUMNS =
  'MetadataComponentId, MetadataComponentName, MetadataComponentNamespace, MetadataComponentType, ' +
  'RefMetadataComponentId, RefMetadataComponentName, RefMetadataComponentNamespace, RefMetadataComponentType';

async function setup(overrides = {}, faults?: Faults) {
  const spec = testOrgSpec(overrides);
  const { app, state } = await testApp([spec], faults);
  const token = await login(app, spec);
  const org = state.orgs.get(spec.name)!.org;
  const query = (soql: string) => get(app, token, tooling(soql));
  return { org, query };
}

type Row = Record<string, string | null>;

describe('Tooling MetadataComponentDependency', () => {
  it('lists what Apex, triggers, flows and roll-ups use, with Salesforce ids and types', async () => {
    const { org, query } = await setup({ customObjects: 20 });
    const res = await query(`SELECT ${COLUMNS} FROM MetadataComponentDependency`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { records: Row[]; done: boolean; totalSize: number };
    const rows = body.records.map(({ attributes, ...row }) => row);
    expect(rows).toEqual(componentDependencies(org).map((d) => d.row));
    expect(new Set(rows.map((r) => r.MetadataComponentType))).toEqual(
      new Set(['ApexClass', 'ApexTrigger', 'Flow', 'CustomField']),
    );
    expect(new Set(rows.map((r) => r.RefMetadataComponentType))).toEqual(
      new Set(['CustomObject', 'CustomField', 'StandardEntity', 'ApexClass']),
    );
    for (const r of rows) {
      if (r.RefMetadataComponentType === 'CustomObject') expect(r.RefMetadataComponentId).toMatch(/^01I\w{15}$/);
      if (r.RefMetadataComponentType === 'CustomField') expect(r.RefMetadataComponentId).toMatch(/^00N\w{15}$/);
      if (r.RefMetadataComponentType === 'StandardEntity') {
        expect(r.RefMetadataComponentId).toBe(r.RefMetadataComponentName);
        expect(org.entities.get(r.RefMetadataComponentId!)?.durableId).toBe(r.RefMetadataComponentId);
      }
    }
    expect(rows.some((r) => r.MetadataComponentType === 'Flow' && /^301\w{15}$/.test(r.MetadataComponentId!))).toBe(
      true,
    );
  });

  it("gives a roll-up a row to the detail's master-detail field and, unless COUNT, the summarized one", async () => {
    const { org, query } = await setup({ customObjects: 20 });
    const rollup = org.rollups.find((r) => r.summarized !== null)!;
    const durable = (object: string, field: string) => org.entities.get(object)!.fields.get(field)!.durableId;
    const id15 = (object: string, field: string) => durable(object, field).split('.')[1]!;
    const component = id15(rollup.master, rollup.field);
    const res = await query(
      `SELECT ${COLUMNS} FROM MetadataComponentDependency WHERE MetadataComponentId = '${component}'`,
    );
    const rows = (res.json() as { records: Row[] }).records;
    expect(rows.map((r) => [r.MetadataComponentType, r.RefMetadataComponentType, r.RefMetadataComponentId])).toEqual([
      ['CustomField', 'CustomField', expect.stringMatching(new RegExp(`^${id15(rollup.detail, rollup.summarized!)}`))],
      [
        'CustomField',
        'CustomField',
        expect.stringMatching(new RegExp(`^${id15(rollup.detail, rollup.relationshipField)}`)),
      ],
    ]);
    expect(rows[0]!.RefMetadataComponentName).toBe(rollup.summarized!.replace(/__c$/, ''));
  });

  it('names in a class body what its rows list', async () => {
    const { org } = await setup({ customObjects: 20 });
    const open = org.apexClasses.filter((c) => c.namespacePrefix === null);
    for (const c of open) {
      for (const r of c.references)
        expect(c.body, `${c.name} names ${r.field ?? r.object}`).toContain(r.field ?? r.object);
    }
    expect(
      open.some((c) => c.references.some((r) => r.field?.endsWith('__c') && c.body.includes(`${r.object}.${r.field}`))),
    ).toBe(true);
  });

  it('answers at most 2,000 rows, done without a cursor, and filters ids and types with = != AND OR', async () => {
    const { query } = await setup({ customObjects: 60, fieldsPerObject: 20, apexClasses: 500 });
    const res = await query(
      `SELECT ${COLUMNS} FROM MetadataComponentDependency WHERE MetadataComponentType = 'ApexClass'`,
    );
    const body = res.json() as Record<string, unknown> & { records: Row[] };
    expect(body.records).toHaveLength(2000);
    expect(body.done).toBe(true);
    expect(body.totalSize).toBe(2000);
    expect(body.nextRecordsUrl).toBeUndefined();
    // Split by referenced type (StandardEntity cannot be named: the rest is what is none of the others).
    const others = "RefMetadataComponentType != 'CustomField' AND RefMetadataComponentType != 'CustomObject'";
    const parts = await Promise.all(
      ["= 'CustomField'", "= 'CustomObject'", `!= 'ApexClass' AND ${others}`, "= 'ApexClass'"].map(async (test) => {
        const soql =
          `SELECT MetadataComponentId FROM MetadataComponentDependency WHERE MetadataComponentType = 'ApexClass' ` +
          `AND RefMetadataComponentType ${test}`;
        return ((await query(soql)).json() as { records: Row[] }).records.length;
      }),
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBeGreaterThan(2000);
    const either = await query(
      "SELECT RefMetadataComponentType FROM MetadataComponentDependency WHERE RefMetadataComponentType = 'Flow' " +
        "OR MetadataComponentType = 'Flow'",
    );
    const flows = (either.json() as { records: Row[] }).records;
    expect(flows.length).toBeGreaterThan(0);
    const notClasses = await query(
      "SELECT MetadataComponentType FROM MetadataComponentDependency WHERE MetadataComponentType != 'ApexClass'",
    );
    const types = (notClasses.json() as { records: Row[] }).records.map((r) => r.MetadataComponentType);
    expect(types.length).toBeGreaterThan(0);
    expect(types).not.toContain('ApexClass');
  });

  it('refuses what Salesforce refuses, with its error arrays', async () => {
    const { query } = await setup();
    const from = 'SELECT MetadataComponentId FROM MetadataComponentDependency';
    const cases: [string, string, RegExp][] = [
      [`${from} ORDER BY MetadataComponentId`, 'MALFORMED_QUERY', /ORDER BY/],
      ['SELECT COUNT() FROM MetadataComponentDependency', 'MALFORMED_QUERY', /COUNT/],
      [`${from} WHERE MetadataComponentName = 'AccountService'`, 'INVALID_FIELD', /can not be filtered/],
      [`${from} WHERE RefMetadataComponentName = 'Account'`, 'INVALID_FIELD', /RefMetadataComponentName/],
      [`${from} WHERE MetadataComponentType LIKE 'Apex%'`, 'MALFORMED_QUERY', /LIKE/],
      [`${from} WHERE MetadataComponentType IN ('ApexClass')`, 'MALFORMED_QUERY', /IN/],
      [`${from} WHERE NOT MetadataComponentType = 'Flow'`, 'MALFORMED_QUERY', /NOT/],
      [`${from} WHERE RefMetadataComponentType = 'StandardEntity'`, 'MALFORMED_QUERY', /StandardEntity/],
      [`${from} OFFSET 10`, 'MALFORMED_QUERY', /OFFSET/],
      ['SELECT Nope FROM MetadataComponentDependency', 'INVALID_FIELD', /No such column 'Nope'/],
    ];
    for (const [soql, errorCode, message] of cases) {
      const res = await query(soql);
      expect(res.statusCode, soql).toBe(400);
      const [error] = res.json() as { errorCode: string; message: string }[];
      expect(error!.errorCode, soql).toBe(errorCode);
      expect(error!.message, soql).toMatch(message);
    }
  });

  it('is not there for an org without the dependency API (revokedPermissions: dependencyApi)', async () => {
    const { query } = await setup({}, { revokedPermissions: ['dependencyApi'] });
    const res = await query('SELECT MetadataComponentId FROM MetadataComponentDependency');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([
      { message: "sObject type 'MetadataComponentDependency' is not supported.", errorCode: 'INVALID_TYPE' },
    ]);
    expect((await query('SELECT Id, Name FROM ApexClass')).statusCode).toBe(200);
  });
});
