import { describe, expect, it } from 'vitest';
import { get, login, testApp, testOrgSpec } from './test-support.ts';

const V = '/services/data/v62.0';
const q = (soql: string, tooling = false) => `${V}/${tooling ? 'tooling/' : ''}query?q=${encodeURIComponent(soql)}`;

async function setup(spec = testOrgSpec()) {
  const { app, state } = await testApp([spec]);
  return { app, token: await login(app, spec), runtime: state.orgs.get(spec.name)! };
}

describe('SOQL query', () => {
  it('pages through more than 2000 records with nextRecordsUrl', async () => {
    const { app, token, runtime } = await setup();
    const [name, count] = [...runtime.org.recordCounts].find(([n, c]) => c > 4500 && c < 200_000 && !n.includes('__'))!;
    let body = (await get(app, token, q(`SELECT Id, Name FROM ${name}`))).json();
    expect(body.totalSize).toBe(count);
    const ids = new Set<string>();
    let pages = 0;
    for (;;) {
      pages++;
      for (const r of body.records) ids.add(r.Id);
      if (body.done) break;
      expect(body.records).toHaveLength(2000);
      expect(body.nextRecordsUrl).toMatch(
        new RegExp(`^/services/data/v62\\.0/query/01g[0-9A-Za-z]{15}-${pages * 2000}$`),
      );
      body = (await get(app, token, body.nextRecordsUrl)).json();
    }
    expect(body.nextRecordsUrl).toBeUndefined();
    expect(ids.size).toBe(count);
    expect(pages).toBe(Math.ceil(count / 2000));
    const first = (await get(app, token, q(`SELECT Id, Name FROM ${name} LIMIT 1`))).json().records[0];
    expect(first.attributes).toEqual({ type: name, url: `${V}/sobjects/${name}/${first.Id}` });
    expect(first.Id.slice(0, 3)).toBe(runtime.org.describes.get(name)!.keyPrefix);
  });

  it('filters with WHERE, IN and LIMIT', async () => {
    const { app, token } = await setup();
    const reports = (
      await get(
        app,
        token,
        q(
          'SELECT Id, Name, DeveloperName, FolderName, Format, Description, LastRunDate, LastModifiedDate, OwnerId ' +
            'FROM Report',
        ),
      )
    ).json();
    expect(reports.totalSize).toBeGreaterThan(10);
    const folder = reports.records[0].FolderName;
    const filtered = (
      await get(app, token, q(`SELECT Id, FolderName FROM Report WHERE FolderName = '${folder}'`))
    ).json();
    expect(filtered.totalSize).toBe(
      reports.records.filter((r: { FolderName: string }) => r.FolderName === folder).length,
    );
    const formats = (
      await get(app, token, q("SELECT Id FROM Report WHERE Format IN ('Tabular','Matrix') LIMIT 3"))
    ).json();
    expect(formats.records.length).toBeLessThanOrEqual(3);
    const dashboards = (
      await get(
        app,
        token,
        q('SELECT Id, Title, DeveloperName, FolderName, Description, RunningUserId, LastModifiedDate FROM Dashboard'),
      )
    ).json();
    expect(dashboards.records[0].Id).toMatch(/^01Z/);
  });

  it('answers INVALID_TYPE, INVALID_FIELD and MALFORMED_QUERY', async () => {
    const { app, token } = await setup();
    const error = async (url: string) => {
      const r = await get(app, token, url);
      expect(r.statusCode).toBe(400);
      return r.json()[0];
    };
    expect(await error(q('SELECT Id FROM Nope__c'))).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'Nope__c' is not supported."),
    });
    expect(await error(q('SELECT Bogus__c FROM Account'))).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await error(q('SELEC Id FROM Account'))).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(await error(q('SELECT Id FROM EntityDefinition', false))).toMatchObject({ errorCode: 'INVALID_TYPE' });
  });
});

describe('Tooling query', () => {
  it('rejects COUNT(), GROUP BY, OR, NOT and !=', async () => {
    const { app, token } = await setup();
    for (const soql of [
      'SELECT COUNT() FROM EntityDefinition',
      'SELECT QualifiedApiName FROM EntityDefinition GROUP BY QualifiedApiName',
      "SELECT QualifiedApiName FROM EntityDefinition WHERE QualifiedApiName = 'A' OR QualifiedApiName = 'B'",
      "SELECT QualifiedApiName FROM EntityDefinition WHERE NOT QualifiedApiName = 'A'",
      "SELECT QualifiedApiName FROM EntityDefinition WHERE QualifiedApiName != 'A'",
    ]) {
      const res = await get(app, token, q(soql, true));
      expect(res.statusCode, soql).toBe(400);
      expect(res.json()[0].errorCode).toBe('MALFORMED_QUERY');
    }
  });

  it('requires an entity filter on FieldDefinition and agrees with describes', async () => {
    const { app, token, runtime } = await setup();
    const bare = await get(app, token, q('SELECT QualifiedApiName FROM FieldDefinition', true));
    expect(bare.statusCode).toBe(400);
    expect(bare.json()[0].errorCode).toBe('EXTERNAL_OBJECT_UNSUPPORTED_EXCEPTION');
    const custom = runtime.org.describeGlobal.sobjects.find((s) => s.name.endsWith('__c'))!.name;
    const res = await get(
      app,
      token,
      q(
        'SELECT QualifiedApiName, Label, DataType, Description, LastModifiedDate, EntityDefinition.QualifiedApiName ' +
          `FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = '${custom}'`,
        true,
      ),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ entityTypeName: 'FieldDefinition', done: true });
    expect(body.records.map((r: { QualifiedApiName: string }) => r.QualifiedApiName)).toEqual(
      runtime.org.describes.get(custom)!.fields.map((f) => f.name),
    );
    expect(body.records[0].EntityDefinition.QualifiedApiName).toBe(custom);
    const meta = runtime.org.entities.get(custom)!;
    for (const r of body.records) expect(r.Description).toBe(meta.fields.get(r.QualifiedApiName)!.description);
  });

  it('serves EntityDefinition with the generator descriptions, and refuses more than 2000 rows', async () => {
    const { app, token, runtime } = await setup();
    const res = await get(
      app,
      token,
      q(
        'SELECT QualifiedApiName, Label, Description, DurableId, LastModifiedDate, IsCustomizable, NamespacePrefix ' +
          'FROM EntityDefinition WHERE IsCustomizable = true',
        true,
      ),
    );
    const records = res.json().records as { QualifiedApiName: string; Description: string | null }[];
    // The first generated custom object; the org's custom setting (Org_Settings__c) has a description of its own.
    const custom = records.find((r) => r.QualifiedApiName.endsWith('__c') && r.QualifiedApiName !== 'Org_Settings__c')!;
    expect(custom.Description).toBe(runtime.org.entities.get(custom.QualifiedApiName)!.description);
    expect(custom.Description).toMatch(/^Tracks /);

    const big = await setup(testOrgSpec({ name: 'big', clientId: 'big', customObjects: 1000, fieldsPerObject: 3 }));
    const tooMany = await get(big.app, big.token, q('SELECT QualifiedApiName FROM EntityDefinition', true));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()[0].errorCode).toBe('EXCEEDED_ID_LIMIT');
    const split = await get(
      big.app,
      big.token,
      q("SELECT QualifiedApiName FROM EntityDefinition WHERE QualifiedApiName < 'M'", true),
    );
    expect(split.statusCode).toBe(200);
  });

  it('lists Apex classes', async () => {
    const { app, token } = await setup();
    const body = (
      await get(
        app,
        token,
        q(
          'SELECT Id, Name, NamespacePrefix, ApiVersion, Status, LengthWithoutComments, LastModifiedDate ' +
            'FROM ApexClass',
          true,
        ),
      )
    ).json();
    expect(body.size).toBeGreaterThan(20);
    expect(body.records[0].attributes.url).toMatch(/^\/services\/data\/v62\.0\/tooling\/sobjects\/ApexClass\/01p/);
  });
});
