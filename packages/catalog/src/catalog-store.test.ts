import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import { ConnectionStore } from './connection-store.ts';
import { FIELD_ATTRIBUTES, OBJECT_ATTRIBUTES } from './describe-mapping.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { accountDescribe, customObjectDescribe, describeField } from './fixtures/describes.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';

type Json = Record<string, unknown>;

describe('CatalogStore', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let catalog: CatalogStore;
  let newRun: () => Promise<string>;

  beforeAll(async () => {
    database = await createCatalogDatabase();
    catalog = new CatalogStore(database.pool);
    const connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    const runs = new RunStore(database.pool);
    newRun = async () => {
      const connection = await connections.create({
        host: 'h',
        authType: 'oauth',
        consumerKey: 'k',
        consumerSecret: 's',
      });
      return (await runs.startOrGetActive(connection.id)).run.id;
    };
  });

  afterAll(async () => {
    await database?.close();
  });

  it('round-trips every typed attribute of every field exactly', async () => {
    const runId = await newRun();
    const source = accountDescribe();
    await catalog.saveObjects(runId, [source]);

    const stored = await catalog.getObject(runId, 'Account');
    expect(stored).toBeDefined();
    for (const { key } of OBJECT_ATTRIBUTES) expect(stored?.[key], key).toStrictEqual(source[key]);
    const sourceFields = source.fields as Json[];
    expect(stored?.fields.map((f) => f.name)).toEqual(sourceFields.map((f) => f.name));
    sourceFields.forEach((field, index) => {
      const storedField = stored?.fields[index] as unknown as Json;
      expect(Object.keys(storedField).sort()).toEqual(FIELD_ATTRIBUTES.map((a) => a.key).sort());
      for (const { key } of FIELD_ATTRIBUTES) {
        expect(storedField[key], `${String(field.name)}.${key}`).toStrictEqual(field[key]);
      }
    });
    // Spot checks on the values that are easiest to get wrong.
    const byName = new Map(stored?.fields.map((f) => [f.name, f]));
    expect(byName.get('IsActive__c')?.defaultValue).toBe(false);
    expect(byName.get('Industry')?.defaultValue).toBe('Banking');
    expect(byName.get('Name')?.defaultValue).toBeNull();
    expect(byName.get('OwnerId')?.referenceTo).toEqual(['Group', 'User']);
    expect(byName.get('Name')?.referenceTo).toEqual([]);
    expect(byName.get('Region__c')?.relationshipOrder).toBe(0);
    expect(byName.get('Total__c')?.calculatedFormula).toBe('AnnualRevenue * (1 - Discount__c)');
  });

  it('keeps the raw describe, including attributes without a typed column', async () => {
    const runId = await newRun();
    const source = accountDescribe();
    await catalog.saveObjects(runId, [source]);
    const { rows: objects } = await database.pool.query(
      'SELECT describe FROM catalog_objects WHERE run_id = $1 AND name = $2',
      [runId, 'Account'],
    );
    const { fields, ...objectWithoutFields } = source;
    expect(objects[0].describe).toStrictEqual(objectWithoutFields);
    const { rows } = await database.pool.query(
      'SELECT describe FROM catalog_fields WHERE run_id = $1 AND object_name = $2 ORDER BY position',
      [runId, 'Account'],
    );
    expect(rows.map((row) => row.describe)).toStrictEqual(fields);
  });

  it('lists objects with counts, sorted by name', async () => {
    const runId = await newRun();
    await catalog.saveObjects(runId, [
      customObjectDescribe('Zeta__c', 3),
      accountDescribe(),
      customObjectDescribe('Beta__c', 0),
    ]);
    const list = await catalog.listObjects(runId);
    expect(list).toStrictEqual([
      {
        name: 'Account',
        label: 'Account',
        labelPlural: 'Accounts',
        custom: false,
        keyPrefix: '001',
        queryable: true,
        fieldCount: (accountDescribe().fields as unknown[]).length,
        recordTypeCount: 2,
      },
      {
        name: 'Beta__c',
        label: 'Beta',
        labelPlural: 'Betas',
        custom: true,
        keyPrefix: null,
        queryable: true,
        fieldCount: 0,
        recordTypeCount: 1,
      },
      {
        name: 'Zeta__c',
        label: 'Zeta',
        labelPlural: 'Zetas',
        custom: true,
        keyPrefix: null,
        queryable: true,
        fieldCount: 3,
        recordTypeCount: 1,
      },
    ]);
    expect(await catalog.storedObjectNames(runId)).toEqual(new Set(['Account', 'Beta__c', 'Zeta__c']));
  });

  it('saves the same objects again idempotently, dropping fields that disappeared', async () => {
    const runId = await newRun();
    await catalog.saveObjects(runId, [accountDescribe(), customObjectDescribe('Thing__c', 5)]);
    await catalog.saveObjects(runId, [accountDescribe(), customObjectDescribe('Thing__c', 5)]);
    expect((await catalog.listObjects(runId)).map((o) => [o.name, o.fieldCount])).toEqual([
      ['Account', (accountDescribe().fields as unknown[]).length],
      ['Thing__c', 5],
    ]);

    const changed = customObjectDescribe('Thing__c', 2);
    changed.label = 'Renamed';
    (changed.fields as Json[]).push(describeField({ name: 'Added__c', type: 'boolean', defaultValue: true }));
    await catalog.saveObjects(runId, [changed]);
    const thing = await catalog.getObject(runId, 'Thing__c');
    expect(thing?.label).toBe('Renamed');
    expect(thing?.fields.map((f) => f.name)).toEqual(['Field0__c', 'Field1__c', 'Added__c']);
    expect(thing?.fields[2]?.defaultValue).toBe(true);
  });

  it('survives concurrent saves of overlapping batches', async () => {
    const runId = await newRun();
    const batch = (names: string[]) => names.map((name) => customObjectDescribe(name, 20));
    await Promise.all([
      catalog.saveObjects(runId, batch(['A__c', 'B__c', 'C__c'])),
      catalog.saveObjects(runId, batch(['C__c', 'B__c', 'D__c'])),
      catalog.saveObjects(runId, batch(['D__c', 'A__c'])),
    ]);
    const list = await catalog.listObjects(runId);
    expect(list.map((o) => [o.name, o.fieldCount])).toEqual([
      ['A__c', 20],
      ['B__c', 20],
      ['C__c', 20],
      ['D__c', 20],
    ]);
  });

  it('saves a large batch in one call', async () => {
    const runId = await newRun();
    const describes = Array.from({ length: 100 }, (_, i) =>
      customObjectDescribe(`Big${String(i).padStart(3, '0')}__c`, 300),
    );
    await catalog.saveObjects(runId, describes);
    const { rows } = await database.pool.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM catalog_fields WHERE run_id = $1',
      [runId],
    );
    expect(rows[0]?.count).toBe(30_000);
  });

  it('stores neutral values for attributes a describe leaves out', async () => {
    const runId = await newRun();
    await catalog.saveObjects(runId, [
      {
        name: 'Bare__c',
        label: 'Bare',
        labelPlural: 'Bares',
        fields: [{ name: 'Id', label: 'ID', type: 'id', soapType: 'tns:ID' }],
      },
    ]);
    const bare = await catalog.getObject(runId, 'Bare__c');
    expect(bare).toMatchObject({ custom: false, keyPrefix: null, recordTypeInfos: [], childRelationships: [] });
    expect(bare?.fields[0]).toMatchObject({
      length: 0,
      nillable: false,
      relationshipOrder: null,
      defaultValue: null,
      referenceTo: [],
      picklistValues: [],
      calculatedFormula: null,
    });
  });

  it('rejects a malformed describe before writing anything', async () => {
    const runId = await newRun();
    const bad = accountDescribe();
    (bad.fields as Json[])[3] = { ...(bad.fields as Json[])[3], length: '12' };
    await expect(catalog.saveObjects(runId, [customObjectDescribe('Ok__c', 1), bad])).rejects.toMatchObject({
      name: 'StoreError',
      code: 'INVALID_DESCRIBE',
      message: expect.stringContaining('Account.fields[3].length'),
    });
    await expect(catalog.saveObjects(runId, [{ label: 'no name' }])).rejects.toMatchObject({
      code: 'INVALID_DESCRIBE',
    });
    await expect(catalog.saveObjects(runId, ['nope'])).rejects.toMatchObject({ code: 'INVALID_DESCRIBE' });
    const duplicate = customObjectDescribe('Dup__c', 1);
    (duplicate.fields as Json[]).push(describeField({ name: 'Field0__c' }));
    await expect(catalog.saveObjects(runId, [duplicate])).rejects.toMatchObject({ code: 'INVALID_DESCRIBE' });
    expect(await catalog.storedObjectNames(runId)).toEqual(new Set());
  });

  it('answers empty for unknown runs and objects', async () => {
    const runId = await newRun();
    expect(await catalog.getObject(runId, 'Account')).toBeUndefined();
    expect(await catalog.getObject('not-a-uuid', 'Account')).toBeUndefined();
    expect(await catalog.listObjects('not-a-uuid')).toEqual([]);
    expect(await catalog.storedObjectNames('not-a-uuid')).toEqual(new Set());
    await catalog.saveObjects(runId, []);
    for (const missing of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      await expect(catalog.saveObjects(missing, [accountDescribe()])).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    }
  });
});
