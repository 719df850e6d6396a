import { describe, expect, it } from 'vitest';
import type { EntityMetadata } from './generate-org.ts';
import { soqlDateTime } from './soql/query-table.ts';
import { get, login, testApp, testOrgSpec } from './test-support.ts';

const V = '/services/data/v62.0';
const q = (soql: string, tooling = false) => `${V}/${tooling ? 'tooling/' : ''}query?q=${encodeURIComponent(soql)}`;
const list = (values: string[]) => `(${values.map((v) => `'${v}'`).join(', ')})`;
type Row = Record<string, unknown>;

async function setup(spec = testOrgSpec({ customObjects: 12 })) {
  const { app, state } = await testApp([spec]);
  const token = await login(app, spec);
  const runtime = state.orgs.get(spec.name)!;
  const records = async (soql: string, tooling = false): Promise<Row[]> => {
    const res = await get(app, token, q(soql, tooling));
    expect(res.statusCode, `${soql}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json().records;
  };
  return { app, token, runtime, org: runtime.org, records };
}

const REPORT =
  'Id, Name, DeveloperName, FolderName, Format, Description, NamespacePrefix, OwnerId, CreatedDate, ' +
  'CreatedById, LastModifiedDate, LastModifiedById, LastRunDate, SystemModstamp';
const DASHBOARD =
  'Id, Title, DeveloperName, FolderName, Description, Type, RunningUserId, NamespacePrefix, ' +
  'CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp';
const AUDIT = 'CreatedDate, CreatedById, LastModifiedDate, LastModifiedById';
const APEX_CLASS = [
  'Id, Name, NamespacePrefix, ApiVersion, Status, IsValid, LengthWithoutComments',
  AUDIT,
  'SystemModstamp, Body',
].join(', ');
const APEX_TRIGGER =
  'Id, Name, NamespacePrefix, TableEnumOrId, ApiVersion, Status, IsValid, LengthWithoutComments, ' +
  'UsageBeforeInsert, UsageAfterInsert, UsageBeforeUpdate, UsageAfterUpdate, UsageBeforeDelete, UsageAfterDelete, ' +
  `UsageAfterUndelete, UsageIsBulk, ${AUDIT}, SystemModstamp, Body`;

describe('SOQL on reports, dashboards and users', () => {
  it("answers every column the crawler selects, from the org's lists", async () => {
    const { org, records } = await setup();
    const reports = await records(`SELECT ${REPORT} FROM Report`);
    expect(reports).toHaveLength(org.reports.length);
    const first = org.reports[0]!;
    expect(reports[0]).toEqual({
      attributes: { type: 'Report', url: `${V}/sobjects/Report/${first.id}` },
      Id: first.id,
      Name: first.name,
      DeveloperName: first.developerName,
      FolderName: first.folderName,
      Format: first.format,
      Description: first.description,
      NamespacePrefix: first.namespacePrefix,
      OwnerId: first.ownerId,
      CreatedDate: soqlDateTime(first.createdDate),
      CreatedById: first.createdById,
      LastModifiedDate: soqlDateTime(first.lastModifiedDate),
      LastModifiedById: first.lastModifiedById,
      LastRunDate: first.lastRunDate && soqlDateTime(first.lastRunDate),
      SystemModstamp: soqlDateTime(first.systemModstamp),
    });
    expect(reports[0]!.LastModifiedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/);

    const dashboards = await records(`SELECT ${DASHBOARD} FROM Dashboard`);
    expect(dashboards.map((d) => [d.Id, d.Title, d.Type, d.RunningUserId])).toEqual(
      org.dashboards.map((d) => [d.id, d.title, d.type, d.runningUserId]),
    );

    const users = await records('SELECT Id, Name, Email, Username, IsActive, SystemModstamp FROM User');
    expect(users.map(({ attributes: _, ...u }) => u)).toEqual(
      org.users.map((u) => ({
        Id: u.id,
        Name: u.name,
        Email: u.email,
        Username: u.username,
        IsActive: u.isActive,
        SystemModstamp: soqlDateTime(u.systemModstamp),
      })),
    );
    const someone = org.users[2]!;
    expect(await records(`SELECT Id FROM User WHERE Id IN ${list([someone.id, '005000000000000AAA'])}`)).toEqual([
      expect.objectContaining({ Id: someone.id }),
    ]);
  });

  it('compares datetime literals as instants, whatever their form', async () => {
    const { org, records } = await setup();
    const dates = org.reports.map((r) => r.lastModifiedDate.getTime()).sort((a, b) => a - b);
    const middle = new Date(dates[Math.floor(dates.length / 2)]!);
    const literal = middle.toISOString().replace('.000Z', 'Z');
    const later = dates.filter((d) => d > middle.getTime()).length;
    expect(later).toBeGreaterThan(0);
    expect(await records(`SELECT Id FROM Report WHERE LastModifiedDate > ${literal}`)).toHaveLength(later);
    expect(await records(`SELECT Id FROM Report WHERE LastModifiedDate >= ${literal}`)).toHaveLength(later + 1);
    // The same instant two hours ahead in Paris's summer time, and at millisecond precision.
    const paris = new Date(middle.getTime() + 2 * 3_600_000).toISOString().replace('.000Z', '+02:00');
    expect(await records(`SELECT Id FROM Report WHERE LastModifiedDate > ${paris}`)).toHaveLength(later);
    const precise = middle.toISOString();
    expect(await records(`SELECT Id FROM Report WHERE LastModifiedDate > ${precise}`)).toHaveLength(later);
  });
});

describe('Tooling metadata tables', () => {
  it('serves CustomObject by durable id and CustomField by TableEnumOrId, ids compared case-sensitively', async () => {
    const { org, records } = await setup();
    const customs = [...org.entities].filter(([name]) => name.endsWith('__c'));
    const [name, entity] = customs.find(([, e]) => e.manageableState === 'installed')!;
    const [otherName, other] = customs.find(([, e]) => e.manageableState === 'unmanaged')!;
    const objects = await records(
      `SELECT Id, DeveloperName, NamespacePrefix, ManageableState, ${AUDIT} FROM CustomObject ` +
        `WHERE Id IN ${list([entity.durableId, other.durableId])}`,
      true,
    );
    const expected = (objectName: string, meta: EntityMetadata) => ({
      Id: meta.durableId,
      DeveloperName: objectName.slice(0, -3),
      NamespacePrefix: meta.namespacePrefix,
      ManageableState: meta.manageableState,
      CreatedDate: soqlDateTime(meta.createdDate),
      CreatedById: meta.createdById,
      LastModifiedDate: soqlDateTime(meta.lastModified),
      LastModifiedById: meta.lastModifiedById,
    });
    expect(objects).toHaveLength(2);
    expect(objects.map(({ attributes: _, ...o }) => o)).toEqual(
      expect.arrayContaining([expected(name, entity), expected(otherName, other)]),
    );
    expect(objects.find((o) => o.Id === entity.durableId)).toMatchObject({ ManageableState: 'installed' });
    // A 15-character id differs from one that differs only in case.
    const swapped = entity.durableId.replace(/[A-Za-z](?=[^A-Za-z]*$)/, (c) =>
      c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase(),
    );
    expect(await records(`SELECT Id FROM CustomObject WHERE Id = '${swapped}'`, true)).toEqual([]);

    const fields = await records(
      `SELECT Id, DeveloperName, TableEnumOrId, NamespacePrefix, ManageableState, ${AUDIT} FROM CustomField ` +
        `WHERE TableEnumOrId IN ${list([entity.durableId])}`,
      true,
    );
    const custom = [...entity.fields].filter(([, f]) => f.durableId.includes('.00N'));
    expect(fields.map((f) => f.Id)).toEqual(custom.map(([, f]) => f.durableId.split('.')[1]));
    expect(fields[0]).toMatchObject({
      DeveloperName: custom[0]![0].replace(/__c$/, ''),
      TableEnumOrId: entity.durableId,
      NamespacePrefix: entity.namespacePrefix,
      ManageableState: 'installed',
      LastModifiedById: custom[0]![1].lastModifiedById,
    });
    expect(fields[0]!.Id).toMatch(/^00N[0-9A-Za-z]{12}$/);
  });

  it('serves ApexClass with Body and SystemModstamp, and ApexTrigger with its usage columns', async () => {
    const { org, records } = await setup();
    const classes = await records(`SELECT ${APEX_CLASS} FROM ApexClass`, true);
    expect(classes).toHaveLength(org.apexClasses.length);
    const c = org.apexClasses[0]!;
    expect(classes[0]).toMatchObject({
      Id: c.id,
      Body: c.body,
      LengthWithoutComments: c.lengthWithoutComments,
      SystemModstamp: soqlDateTime(c.systemModstamp),
      LastModifiedById: c.lastModifiedById,
    });
    const triggers = await records(`SELECT ${APEX_TRIGGER} FROM ApexTrigger`, true);
    const t = org.apexTriggers[0]!;
    expect(triggers[0]).toMatchObject({
      Id: t.id,
      TableEnumOrId: t.tableEnumOrId,
      UsageBeforeInsert: t.events.includes('before insert'),
      UsageAfterUndelete: t.events.includes('after undelete'),
      UsageIsBulk: true,
      Body: t.body,
    });
    const byObject = await records(
      `SELECT Id FROM ApexTrigger WHERE TableEnumOrId IN ${list([t.tableEnumOrId])}`,
      true,
    );
    expect(byObject.map((r) => r.Id)).toEqual(
      org.apexTriggers.filter((x) => x.tableEnumOrId === t.tableEnumOrId).map((x) => x.id),
    );
  });

  it('names real users and namespaces in EntityDefinition and FieldDefinition, filtered with IN', async () => {
    const { org, records } = await setup();
    const [name, entity] = [...org.entities].find(([, e]) => e.namespacePrefix !== null)!;
    const entities = await records(
      'SELECT DurableId, QualifiedApiName, Description, NamespacePrefix, LastModifiedDate, LastModifiedById ' +
        `FROM EntityDefinition WHERE QualifiedApiName IN ${list([name, 'Account'])}`,
      true,
    );
    expect(entities.map((e) => e.QualifiedApiName)).toEqual(['Account', name]);
    expect(entities[1]).toMatchObject({
      DurableId: entity.durableId,
      NamespacePrefix: entity.namespacePrefix,
      LastModifiedById: entity.lastModifiedById,
      LastModifiedDate: soqlDateTime(entity.lastModified),
    });
    expect(org.users.map((u) => u.id)).toContain(entities[0]!.LastModifiedById);
    const fields = await records(
      'SELECT DurableId, QualifiedApiName, EntityDefinition.QualifiedApiName, Description, NamespacePrefix, ' +
        'LastModifiedDate, LastModifiedById FROM FieldDefinition ' +
        `WHERE EntityDefinition.QualifiedApiName IN ${list([name, 'Account'])}`,
      true,
    );
    expect(fields.length).toBe(org.describes.get(name)!.fields.length + org.describes.get('Account')!.fields.length);
    const customField = fields.find((f) => String(f.DurableId).includes('.00N'))!;
    const meta = entity.fields.get(customField.QualifiedApiName as string)!;
    expect(customField).toMatchObject({
      EntityDefinition: { QualifiedApiName: name },
      NamespacePrefix: entity.namespacePrefix,
      Description: meta.description,
      LastModifiedById: meta.lastModifiedById,
    });
  });
});

describe('queries inside /composite', () => {
  it('answer first pages and nextRecordsUrl pages, data and Tooling, and keep EXCEEDED_ID_LIMIT', async () => {
    const spec = testOrgSpec({ customObjects: 1000, fieldsPerObject: 3 });
    const { app, token, runtime } = await setup(spec);
    const composite = async (urls: string[]) => {
      const res = await app.inject({
        method: 'POST',
        url: `${V}/composite`,
        headers: { authorization: `Bearer ${token}` },
        payload: { compositeRequest: urls.map((url, i) => ({ method: 'GET', url, referenceId: `r${i}` })) },
      });
      expect(res.statusCode).toBe(200);
      return (res.json().compositeResponse as { body: Row & { records: Row[] }; httpStatusCode: number }[]).map(
        (r) => ({ status: r.httpStatusCode, body: r.body }),
      );
    };
    const [name, count] = [...runtime.org.recordCounts].find(([n, c]) => c > 2500 && c < 20_000 && !n.includes('__'))!;
    const customFields = [...runtime.org.entities.values()]
      .filter((e) => e.isCustomizable)
      .flatMap((e) => [...e.fields.values()].filter((f) => f.durableId.includes('.00N')));
    expect(customFields.length).toBeGreaterThan(2000);

    const [data, tooling, entities] = await composite([
      q(`SELECT Id FROM ${name}`),
      q('SELECT Id, TableEnumOrId FROM CustomField', true),
      q('SELECT QualifiedApiName FROM EntityDefinition', true),
    ]);
    expect(data).toMatchObject({ status: 200, body: { totalSize: count, done: false } });
    expect(data!.body.records).toHaveLength(2000);
    expect(tooling).toMatchObject({ status: 200, body: { totalSize: customFields.length, done: false } });
    expect(entities).toMatchObject({ status: 400, body: [{ errorCode: 'EXCEEDED_ID_LIMIT' }] });

    const [dataNext, toolingNext] = await composite([
      data!.body.nextRecordsUrl as string,
      tooling!.body.nextRecordsUrl as string,
    ]);
    expect(tooling!.body.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/tooling\/query\/01g/);
    expect(dataNext).toMatchObject({ status: 200 });
    expect(dataNext!.body.records[0]!.Id).not.toBe(data!.body.records[0]!.Id);
    expect(toolingNext!.body.records).toHaveLength(Math.min(2000, customFields.length - 2000));
    expect(runtime.counters).toMatchObject({ apiUsage: 2, byKind: { composite: 2, query: 0, tooling_query: 0 } });
  });
});
