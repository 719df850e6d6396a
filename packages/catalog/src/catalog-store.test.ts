import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogView, CatalogStore } from './catalog-store.ts';
import { ConnectionStore } from './connection-store.ts';
import { FIELD_ATTRIBUTES, OBJECT_ATTRIBUTES } from './describe-mapping.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { accountDescribe, customObjectDescribe, describeField } from './fixtures/describes.ts';
import { storeCatalog } from './fixtures/stored-catalog.ts';
import { type ExtractionRun, RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';

const none = { added: 0, removed: 0, changed: 0 };
/** A change summary's counts for the kinds beyond objects and fields, when none of them changed. */
const noItemChanges = { reports: none, dashboards: none, apexClasses: none, apexTriggers: none };

type Json = Record<string, unknown>;

const ACCOUNT_FIELDS = (accountDescribe().fields as unknown[]).length;

/** What an object or a field shows when Tooling said nothing of it, on a connection without an instance URL. */
const NO_SETUP = {
  description: null,
  namespace: null,
  manageableState: null,
  createdDate: null,
  createdBy: null,
  lastModifiedDate: null,
  lastModifiedBy: null,
  url: null,
};

/** Thing__c with `fieldCount` fields, after `change` edits it. */
function thing(fieldCount: number, change: (describe: Json, fields: Json[]) => void = () => {}): Json {
  const describe = customObjectDescribe('Thing__c', fieldCount);
  change(describe, describe.fields as Json[]);
  return describe;
}

describe('CatalogStore', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let runs: RunStore;
  let catalog: CatalogStore;

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    runs = new RunStore(database.pool);
    catalog = new CatalogStore(database.pool);
  });

  afterAll(async () => {
    await database?.close();
  });

  const newConnection = () => createOAuthConnection(connections, 'h');

  /** A running run of the connection that listed `names`. */
  async function running(connectionId: string, names: readonly string[]) {
    const { run } = await runs.startOrGetActive(connectionId);
    await runs.markRunning(run.id);
    await runs.setListedObjects(run.id, names);
    return run;
  }

  /** The catalog of a succeeded run, as it reads now (a view says whether its run is still the latest). */
  async function at(run: ExtractionRun): Promise<CatalogView> {
    const view = await runs.catalogOf(run.connectionId, run.id);
    if (!view) throw new Error(`run ${run.id} has no catalog`);
    return view;
  }

  /** A whole succeeded run over `describes`. */
  const succeeded = (connectionId: string, describes: readonly Json[]) =>
    storeCatalog({ runs, catalog }, connectionId, describes);

  /** The whole catalog of a view: its list and every object. */
  async function snapshot(view: CatalogView) {
    const list = await catalog.listObjects(view, { limit: 1000 });
    const objects = await Promise.all(list.map((summary) => catalog.getObject(view, summary.name)));
    return { list, objects };
  }

  // Objects and fields only: the lineage derived from them (edges to their referenced objects) is counted apart.
  const versionCount = async (connectionId: string, where = 'true', params: unknown[] = []) => {
    const { rows } = await database.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM catalog_versions
        WHERE connection_id = $1 AND kind IN ('object', 'field') AND ${where}`,
      [connectionId, ...params],
    );
    return rows[0]?.count;
  };

  const writtenBy = (connectionId: string, seq: number) => versionCount(connectionId, 'from_seq = $2', [seq]);

  describe('stored describes', () => {
    it('round-trips every typed attribute of every field exactly', async () => {
      const source = accountDescribe();
      const view = await at(await succeeded(await newConnection(), [source]));

      const stored = await catalog.getObject(view, 'Account');
      expect(stored).toBeDefined();
      for (const { key } of OBJECT_ATTRIBUTES) expect(stored?.[key], key).toStrictEqual(source[key]);
      const sourceFields = source.fields as Json[];
      expect(stored?.fields.map((f) => f.name)).toEqual(sourceFields.map((f) => f.name));
      sourceFields.forEach((field, index) => {
        const storedField = stored?.fields[index] as unknown as Json;
        // Every attribute Salesforce sent comes back as sent, typed or not (aggregatable, sortable…).
        const keys = new Set([...Object.keys(field), ...FIELD_ATTRIBUTES.map((a) => a.key), ...Object.keys(NO_SETUP)]);
        expect(Object.keys(storedField).sort()).toEqual([...keys].sort());
        for (const key of Object.keys(field)) {
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

    it('keeps the raw describe, including attributes without a typed column, and the field order', async () => {
      const connectionId = await newConnection();
      const source = accountDescribe();
      await succeeded(connectionId, [source]);
      const { fields, ...objectWithoutFields } = source;
      const { rows: objects } = await database.pool.query(
        `SELECT content, children FROM catalog_versions WHERE connection_id = $1 AND kind = 'object' AND name = $2`,
        [connectionId, 'Account'],
      );
      expect(objects).toStrictEqual([
        { content: objectWithoutFields, children: (fields as Json[]).map((field) => field.name) },
      ]);
      const { rows } = await database.pool.query(
        `SELECT name, content FROM catalog_versions WHERE connection_id = $1 AND kind = 'field' AND parent = $2`,
        [connectionId, 'Account'],
      );
      const byName = new Map(rows.map((row) => [row.name, row.content]));
      expect((fields as Json[]).map((field) => byName.get(field.name))).toStrictEqual(fields);
      expect(rows).toHaveLength((fields as Json[]).length);
    });

    it('stores text beyond ASCII exactly, across the statements a big batch is sent in', async () => {
      const connectionId = await newConnection();
      const texts = ['Zoë Müller — “Q3” €', 'Łódź ✓ 日本語', 'emoji 😀, a backslash \\ and "quotes"'];
      const source = customObjectDescribe('Unicode__c', 600);
      const fields = source.fields as Json[];
      fields.forEach((field, index) => {
        field.inlineHelpText = `${texts[index % texts.length]} ${index}`;
      });
      source.label = texts[0];
      await succeeded(connectionId, [source]);
      const { rows } = await database.pool.query(
        `SELECT name, content FROM catalog_versions WHERE connection_id = $1 AND kind = 'field' AND parent = $2`,
        [connectionId, 'Unicode__c'],
      );
      const byName = new Map(rows.map((row) => [row.name, row.content]));
      expect(fields.map((field) => byName.get(field.name))).toStrictEqual(fields);
      const { rows: objects } = await database.pool.query(
        `SELECT content->>'label' AS label FROM catalog_versions WHERE connection_id = $1 AND kind = 'object'`,
        [connectionId],
      );
      expect(objects).toEqual([{ label: texts[0] }]);
    });

    it('reads neutral values for attributes a describe leaves out', async () => {
      const view = await at(
        await succeeded(await newConnection(), [
          {
            name: 'Bare__c',
            label: 'Bare',
            labelPlural: 'Bares',
            fields: [{ name: 'Id', label: 'ID', type: 'id', soapType: 'tns:ID' }],
          },
        ]),
      );
      const bare = await catalog.getObject(view, 'Bare__c');
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
      expect(await catalog.listObjects(view, { limit: 10 })).toMatchObject([
        { name: 'Bare__c', custom: false, keyPrefix: null, queryable: false, fieldCount: 1, recordTypeCount: 0 },
      ]);
    });

    it('lists objects with counts, sorted by name, a page at a time', async () => {
      const view = await at(
        await succeeded(await newConnection(), [
          customObjectDescribe('Zeta__c', 3),
          accountDescribe(),
          customObjectDescribe('Beta__c', 0),
          customObjectDescribe('alpha__c', 1),
        ]),
      );
      const list = await catalog.listObjects(view, { limit: 10 });
      expect(list.slice(0, 3)).toStrictEqual([
        {
          name: 'Account',
          label: 'Account',
          labelPlural: 'Accounts',
          custom: false,
          keyPrefix: '001',
          queryable: true,
          fieldCount: ACCOUNT_FIELDS,
          recordTypeCount: 2,
          recordCount: null,
          ...NO_SETUP,
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
          recordCount: null,
          ...NO_SETUP,
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
          recordCount: null,
          ...NO_SETUP,
        },
      ]);
      // Binary order: lower case after upper case, whatever the database's collation.
      expect(list.map((o) => o.name)).toEqual(['Account', 'Beta__c', 'Zeta__c', 'alpha__c']);
      const first = await catalog.listObjects(view, { limit: 2 });
      expect(first).toEqual(list.slice(0, 2));
      expect(await catalog.listObjects(view, { limit: 2, after: 'Beta__c' })).toEqual(list.slice(2));
      expect(await catalog.listObjects(view, { limit: 2, after: 'alpha__c' })).toEqual([]);
      expect(await catalog.listObjects(view, { limit: 10, after: 'B' })).toEqual(list.slice(1));
    });

    it('stores odd describes as sent, reads what it can, and records a warning for each odd attribute', async () => {
      const connectionId = await newConnection();
      const run = await running(connectionId, ['Odd__c', 'Account']);
      const odd = accountDescribe();
      const oddFields = odd.fields as Json[];
      oddFields[3] = { ...oddFields[3], length: '12' };
      oddFields[4] = { ...oddFields[4], nillable: 'false', picklistValues: null, type: 'vectorembedding' };
      delete oddFields[5]?.byteLength;
      const duplicate = customObjectDescribe('Odd__c', 1);
      (duplicate.fields as Json[]).push(describeField({ name: 'Field0__c' }), { label: 'no name' });
      await catalog.saveBatch(run.id, 'job', {
        described: [{ ...odd, recordTypeInfos: null }, duplicate],
        unchanged: [],
      });
      await catalog.saveBatch(run.id, 'job', { described: [duplicate], unchanged: [] });

      const names = (i: number) => String(oddFields[i]?.name);
      expect(await runs.warningsOf(run.id, 100)).toEqual(
        [
          { object: 'Account', field: null, attribute: 'recordTypeInfos', problem: 'null where a list is expected' },
          { object: 'Account', field: names(3), attribute: 'length', problem: 'a number sent as a string: "12"' },
          { object: 'Account', field: names(4), attribute: 'nillable', problem: 'a boolean sent as a string: "false"' },
          { object: 'Account', field: names(4), attribute: 'picklistValues', problem: 'null where a list is expected' },
          {
            object: 'Account',
            field: names(4),
            attribute: 'type',
            problem: 'an unknown field type: "vectorembedding"',
          },
          { object: 'Account', field: names(5), attribute: 'byteLength', problem: 'missing' },
          {
            object: 'Odd__c',
            field: null,
            attribute: 'fields[2]',
            problem: 'a field without a name, left out: {"label":"no name"}',
          },
          { object: 'Odd__c', field: 'Field0__c', attribute: 'name', problem: 'a second field of this name, left out' },
        ].sort((a, b) =>
          `${a.object}/${a.field ?? ''}/${a.attribute}`.localeCompare(
            `${b.object}/${b.field ?? ''}/${b.attribute}`,
            'en',
            { sensitivity: 'variant' },
          ),
        ),
      );
      expect((await runs.get(run.id))?.warnings).toBe(8);

      expect(await runs.markSucceeded(run.id)).toBe(true);
      const view = await at((await runs.get(run.id)) as ExtractionRun);
      const account = await catalog.getObject(view, 'Account');
      const [f3, f4, f5] = [3, 4, 5].map((i) => account?.fields.find((f) => f.name === names(i)));
      expect(account?.recordTypeInfos).toEqual([]);
      expect(f3?.length).toBe(12);
      expect(f4).toMatchObject({ nillable: false, picklistValues: [], type: 'vectorembedding' });
      expect(f5?.byteLength).toBe(0);
      expect((await catalog.getObject(view, 'Odd__c'))?.fields.map((f) => f.name)).toEqual(['Field0__c']);
      // Stored as sent: the raw JSON keeps the odd values.
      const raw = await database.pool.query(
        `SELECT content FROM catalog_versions
          WHERE connection_id = $1 AND kind = 'field' AND parent = 'Account' AND name = $2`,
        [connectionId, names(3)],
      );
      expect(raw.rows[0].content.length).toBe('12');
    });

    it('refuses only a describe that cannot be stored at all, before writing anything', async () => {
      const connectionId = await newConnection();
      const run = await running(connectionId, ['Ok__c']);
      const save = (described: unknown[]) => catalog.saveBatch(run.id, 'job', { described, unchanged: [] });
      await expect(save([customObjectDescribe('Ok__c', 1), { label: 'no name' }])).rejects.toMatchObject({
        name: 'StoreError',
        code: 'INVALID_DESCRIBE',
        message: expect.stringContaining('describe #2 has no name'),
      });
      await expect(save(['nope'])).rejects.toMatchObject({ code: 'INVALID_DESCRIBE' });
      expect(await versionCount(connectionId)).toBe(0);
      expect(await catalog.accountedObjects(run.id)).toEqual(new Set());
      expect(await runs.get(run.id)).toMatchObject({ objectsDone: 0, fieldsCount: 0, versionsWritten: 0, warnings: 0 });
    });

    it('rejects a batch for a run that is unknown, not yet running or finished', async () => {
      const connectionId = await newConnection();
      const batch = { described: [accountDescribe()], unchanged: [] };
      for (const missing of ['not-a-uuid', randomUUID()]) {
        await expect(catalog.saveBatch(missing, 'job', batch)).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      }
      const { run } = await runs.startOrGetActive(connectionId);
      await expect(catalog.saveBatch(run.id, 'job', batch)).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      await runs.markRunning(run.id);
      expect(await catalog.saveBatch(run.id, 'job', { described: [], unchanged: [] })).toEqual({
        written: 0,
        unknown: [],
      });
      await runs.markSucceeded(run.id);
      await expect(catalog.saveBatch(run.id, 'job', batch)).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      expect(await versionCount(connectionId)).toBe(0);
      expect(await catalog.accountedObjects('not-a-uuid')).toEqual(new Set());
      expect(await catalog.currentObjectNames('not-a-uuid', 1, ['Account'])).toEqual(new Set());
    });

    it('answers nothing for objects the catalog does not hold', async () => {
      const view = await at(await succeeded(await newConnection(), [customObjectDescribe('A__c', 1)]));
      expect(await catalog.getObject(view, 'Account')).toBeUndefined();
      expect(await catalog.getObject({ ...view, connectionId: await newConnection() }, 'A__c')).toBeUndefined();
      expect(await catalog.listObjects({ ...view, connectionId: await newConnection() }, { limit: 10 })).toEqual([]);
    });

    it('saves a large batch in one call', async () => {
      const connectionId = await newConnection();
      const describes = Array.from({ length: 100 }, (_, i) =>
        customObjectDescribe(`Big${String(i).padStart(3, '0')}__c`, 300),
      );
      const run = await running(
        connectionId,
        describes.map((d) => String(d.name)),
      );
      expect(await catalog.saveBatch(run.id, 'job', { described: describes, unchanged: [] })).toEqual({
        written: 30_100,
        unknown: [],
      });
      expect(await runs.get(run.id)).toMatchObject({ objectsDone: 100, fieldsCount: 30_000, versionsWritten: 30_100 });
    });
  });

  describe('within one run', () => {
    it('saves a retried batch idempotently, and counts its progress once', async () => {
      const connectionId = await newConnection();
      const run = await running(connectionId, ['Account', 'Thing__c']);
      const batch = { described: [accountDescribe(), thing(5)], unchanged: [] };
      expect(await catalog.saveBatch(run.id, 'job-1', batch)).toEqual({ written: ACCOUNT_FIELDS + 7, unknown: [] });
      expect(await catalog.saveBatch(run.id, 'job-1', batch)).toEqual({ written: ACCOUNT_FIELDS + 7, unknown: [] });
      expect(await versionCount(connectionId)).toBe(ACCOUNT_FIELDS + 7);
      expect(await runs.get(run.id)).toMatchObject({ objectsDone: 2, fieldsCount: ACCOUNT_FIELDS + 5 });
      expect(await catalog.accountedObjects(run.id)).toEqual(new Set(['Account', 'Thing__c']));

      expect(await runs.markSucceeded(run.id)).toBe(true);
      const view = (await runs.latestCatalog(connectionId))!;
      expect((await catalog.listObjects(view, { limit: 10 })).map((o) => [o.name, o.fieldCount])).toEqual([
        ['Account', ACCOUNT_FIELDS],
        ['Thing__c', 5],
      ]);
      expect(await runs.get(run.id)).toMatchObject({ objectsDone: 2, fieldsCount: ACCOUNT_FIELDS + 5 });
    });

    it('keeps only the last answer for an object described twice, fields dropped and added', async () => {
      const connectionId = await newConnection();
      const run = await running(connectionId, ['Thing__c']);
      await catalog.saveBatch(run.id, 'job-1', { described: [thing(5)], unchanged: [] });
      const changed = thing(2, (describe, fields) => {
        describe.label = 'Renamed';
        fields.push(describeField({ name: 'Added__c', type: 'boolean', defaultValue: true }));
      });
      await catalog.saveBatch(run.id, 'job-2', { described: [changed], unchanged: [] });
      expect(await writtenBy(connectionId, run.seq)).toBe(4);
      await runs.markSucceeded(run.id);

      const stored = await catalog.getObject((await runs.latestCatalog(connectionId))!, 'Thing__c');
      expect(stored?.label).toBe('Renamed');
      expect(stored?.fields.map((f) => f.name)).toEqual(['Field0__c', 'Field1__c', 'Added__c']);
      expect(stored?.fields[2]?.defaultValue).toBe(true);
      expect(await runs.get(run.id)).toMatchObject({ objectsDone: 1, fieldsCount: 3 });
    });

    it('keeps the published version when an object changes and then changes back within a run', async () => {
      const connectionId = await newConnection();
      const first = await succeeded(connectionId, [thing(3)]);
      const run = await running(connectionId, ['Thing__c']);
      const renamed = thing(3, (describe, fields) => {
        describe.label = 'Renamed';
        (fields[0] as Json).label = 'Renamed field';
      });
      expect((await catalog.saveBatch(run.id, 'job-1', { described: [renamed], unchanged: [] })).written).toBe(2);
      expect((await catalog.saveBatch(run.id, 'job-2', { described: [thing(3)], unchanged: [] })).written).toBe(0);
      expect(await writtenBy(connectionId, run.seq)).toBe(0);
      await runs.markSucceeded(run.id);

      const second = (await runs.latestCatalog(connectionId))!;
      expect(await snapshot(second)).toEqual(await snapshot(await at(first)));
      expect(await versionCount(connectionId)).toBe(4);
      expect(await versionCount(connectionId, 'to_seq IS NOT NULL')).toBe(0);
    });

    it('survives concurrent saves of overlapping batches', async () => {
      const connectionId = await newConnection();
      const run = await running(connectionId, ['A__c', 'B__c', 'C__c', 'D__c']);
      const batch = (names: string[]) => ({
        described: names.map((name) => customObjectDescribe(name, 20)),
        unchanged: [],
      });
      await Promise.all([
        catalog.saveBatch(run.id, 'job-1', batch(['A__c', 'B__c', 'C__c'])),
        catalog.saveBatch(run.id, 'job-2', batch(['C__c', 'B__c', 'D__c'])),
        catalog.saveBatch(run.id, 'job-3', batch(['D__c', 'A__c'])),
      ]);
      expect(await runs.markSucceeded(run.id)).toBe(true);
      const list = await catalog.listObjects((await runs.latestCatalog(connectionId))!, { limit: 10 });
      expect(list.map((o) => [o.name, o.fieldCount])).toEqual([
        ['A__c', 20],
        ['B__c', 20],
        ['C__c', 20],
        ['D__c', 20],
      ]);
      expect(await versionCount(connectionId)).toBe(84);
      expect(await runs.get(run.id)).toMatchObject({ objectsDone: 4, fieldsCount: 80 });
    });

    it('hides what a running run wrote until it succeeds', async () => {
      const connectionId = await newConnection();
      const first = await succeeded(connectionId, [thing(2)]);
      const before = await snapshot(await at(first));
      const run = await running(connectionId, ['Thing__c', 'New__c']);
      await catalog.saveBatch(run.id, 'job', {
        described: [thing(3, (describe) => (describe.label = 'Renamed')), customObjectDescribe('New__c', 1)],
        unchanged: [],
      });
      expect(await snapshot((await runs.latestCatalog(connectionId))!)).toEqual(before);
      expect(await catalog.changeSummary(first.id)).toMatchObject({ objects: { added: 1 }, fields: { added: 2 } });
      await runs.markSucceeded(run.id);
      const after = await snapshot((await runs.latestCatalog(connectionId))!);
      expect(after.list.map((o) => [o.name, o.label, o.fieldCount])).toEqual([
        ['New__c', 'New', 1],
        ['Thing__c', 'Renamed', 3],
      ]);
    });
  });

  describe('across runs', () => {
    it('writes nothing for an unchanged re-run, and reads the same catalog at both runs', async () => {
      const connectionId = await newConnection();
      const describes = [accountDescribe(), thing(4), customObjectDescribe('Empty__c', 0)];
      const first = await succeeded(connectionId, describes);
      const rows = await versionCount(connectionId);
      expect(rows).toBe(3 + ACCOUNT_FIELDS + 4);
      const second = await succeeded(connectionId, describes);

      expect(second).toMatchObject({ versionsWritten: 0, objectsDone: 3, fieldsCount: ACCOUNT_FIELDS + 4 });
      expect(await versionCount(connectionId)).toBe(rows);
      expect(await versionCount(connectionId, 'to_seq IS NOT NULL')).toBe(0);
      expect((await at(first)).latest).toBe(false);
      expect((await at(second)).latest).toBe(true);
      const atFirst = await snapshot(await at(first));
      expect(atFirst.objects).toHaveLength(3);
      expect(await snapshot(await at(second))).toEqual(atFirst);
      expect(await catalog.changeSummary(second.id)).toEqual({
        fromRunId: first.id,
        toRunId: second.id,
        objects: { added: 0, removed: 0, changed: 0 },
        fields: { added: 0, removed: 0, changed: 0 },
        ...noItemChanges,
      });
    });

    it('stores the same content sent with another key order once', async () => {
      const connectionId = await newConnection();
      await succeeded(connectionId, [thing(2)]);
      const reordered = Object.fromEntries(Object.entries(thing(2)).reverse());
      reordered.fields = (reordered.fields as Json[]).map((field) =>
        Object.fromEntries(Object.entries(field).reverse()),
      );
      expect((await succeeded(connectionId, [reordered])).versionsWritten).toBe(0);
    });

    it('writes nothing for content stored with the hash the database computed before the worker did', async () => {
      const connectionId = await newConnection();
      const describes = [accountDescribe(), thing(3)];
      await succeeded(connectionId, describes);
      await database.pool.query(
        'UPDATE catalog_versions SET hash = catalog_item_hash(content, children) WHERE connection_id = $1',
        [connectionId],
      );
      expect((await succeeded(connectionId, describes)).versionsWritten).toBe(0);
      expect((await succeeded(connectionId, [accountDescribe(), thing(4)])).versionsWritten).toBe(2);
    });

    it('writes one field version for a changed field, and an object version only when the object changed', async () => {
      const connectionId = await newConnection();
      const first = await succeeded(connectionId, [thing(3), customObjectDescribe('Other__c', 2)]);
      const relabelled = (_describe: Json, fields: Json[]) => {
        (fields[1] as Json).label = 'Relabelled';
      };
      const second = await succeeded(connectionId, [thing(3, relabelled), customObjectDescribe('Other__c', 2)]);
      expect(second.versionsWritten).toBe(1);
      const { rows } = await database.pool.query(
        'SELECT kind, parent, name, to_seq FROM catalog_versions WHERE connection_id = $1 AND from_seq = $2',
        [connectionId, second.seq],
      );
      expect(rows).toEqual([{ kind: 'field', parent: 'Thing__c', name: 'Field1__c', to_seq: null }]);
      expect((await catalog.getObject(await at(first), 'Thing__c'))?.fields[1]?.label).toBe('Field 1');
      expect((await catalog.getObject(await at(second), 'Thing__c'))?.fields[1]?.label).toBe('Relabelled');

      // The object's own attributes: one object version, no field version.
      const third = await succeeded(connectionId, [
        thing(3, (describe, fields) => {
          relabelled(describe, fields);
          describe.queryable = false;
        }),
        customObjectDescribe('Other__c', 2),
      ]);
      expect(third.versionsWritten).toBe(1);
      expect(await writtenBy(connectionId, third.seq)).toBe(1);
      // Its field list, by order alone: one object version.
      const fourth = await succeeded(connectionId, [
        thing(3, (describe, fields) => {
          relabelled(describe, fields);
          describe.queryable = false;
          fields.reverse();
        }),
        customObjectDescribe('Other__c', 2),
      ]);
      expect(fourth.versionsWritten).toBe(1);
      expect((await catalog.getObject(await at(fourth), 'Thing__c'))?.fields.map((f) => f.name)).toEqual([
        'Field2__c',
        'Field1__c',
        'Field0__c',
      ]);
      expect((await catalog.getObject(await at(third), 'Thing__c'))?.fields.map((f) => f.name)).toEqual([
        'Field0__c',
        'Field1__c',
        'Field2__c',
      ]);
      expect(await catalog.changeSummary(second.id)).toMatchObject({
        objects: { added: 0, removed: 0, changed: 0 },
        fields: { added: 0, removed: 0, changed: 1 },
      });
    });

    it('removes objects and fields from the current catalog, still readable at the older run', async () => {
      const connectionId = await newConnection();
      const first = await succeeded(connectionId, [thing(3), customObjectDescribe('Gone__c', 2)]);
      const before = await snapshot(await at(first));
      const second = await succeeded(connectionId, [thing(3, (_describe, fields) => fields.splice(1, 1))]);

      // One object version for the new field list; nothing for the removals themselves.
      expect(second).toMatchObject({ versionsWritten: 1, objectsDone: 1, fieldsCount: 2 });
      const now = await snapshot(await at(second));
      expect(now.list.map((o) => [o.name, o.fieldCount])).toEqual([['Thing__c', 2]]);
      expect(now.objects[0]?.fields.map((f) => f.name)).toEqual(['Field0__c', 'Field2__c']);
      expect(await catalog.getObject(await at(second), 'Gone__c')).toBeUndefined();
      expect(await snapshot(await at(first))).toEqual(before);
      expect((await catalog.getObject(await at(first), 'Gone__c'))?.fields).toHaveLength(2);
      expect(await versionCount(connectionId, 'to_seq = $2', [second.seq])).toBe(5);
      // An object whose own attributes stayed the same is not changed: its fields say what changed.
      expect(await catalog.changeSummary(second.id)).toMatchObject({
        objects: { added: 0, removed: 1, changed: 0 },
        fields: { added: 0, removed: 3, changed: 0 },
      });

      // Back again, with the same content: new versions, since the old ones ended.
      const third = await succeeded(connectionId, [thing(3), customObjectDescribe('Gone__c', 2)]);
      expect(third.versionsWritten).toBe(1 + 1 + 1 + 2);
      expect(await snapshot(await at(third))).toEqual(before);
      expect(await catalog.getObject(await at(second), 'Gone__c')).toBeUndefined();
    });

    it('drops an object that vanished mid-run, whether this run described it or an older one did', async () => {
      const connectionId = await newConnection();
      await succeeded(connectionId, [thing(2), customObjectDescribe('Old__c', 1)]);
      const run = await running(connectionId, ['Thing__c', 'Old__c', 'Late__c']);
      await catalog.saveBatch(run.id, 'job', {
        described: [thing(2), customObjectDescribe('Late__c', 2)],
        unchanged: [],
      });
      await runs.recordVanished(run.id, [
        { name: 'Old__c', reason: 'NOT_FOUND' },
        { name: 'Late__c', reason: 'deleted after its describe' },
      ]);
      expect(await runs.markSucceeded(run.id)).toBe(true);
      const view = (await runs.latestCatalog(connectionId))!;
      expect((await catalog.listObjects(view, { limit: 10 })).map((o) => o.name)).toEqual(['Thing__c']);
      expect(await writtenBy(connectionId, run.seq)).toBe(0);
      expect(await runs.get(run.id)).toMatchObject({ objectsDone: 1, fieldsCount: 2, objectsVanished: 2 });
    });

    it("discards a failed run's versions, and a batch that arrives after the failure writes nothing", async () => {
      const connectionId = await newConnection();
      const first = await succeeded(connectionId, [thing(2)]);
      const before = await snapshot(await at(first));
      const rows = await versionCount(connectionId);
      const run = await running(connectionId, ['Thing__c', 'New__c']);
      await catalog.saveBatch(run.id, 'job-1', {
        described: [thing(3, (describe) => (describe.label = 'Renamed'))],
        unchanged: [],
      });
      expect(await writtenBy(connectionId, run.seq)).toBe(2);
      expect(await runs.markFailed(run.id, 'X', 'x')).toBe(true);

      expect(await writtenBy(connectionId, run.seq)).toBe(0);
      await expect(
        catalog.saveBatch(run.id, 'job-2', { described: [customObjectDescribe('New__c', 1)], unchanged: [] }),
      ).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      expect(await versionCount(connectionId)).toBe(rows);
      expect(await runs.catalogOf(connectionId, run.id)).toBeUndefined();
      expect(await catalog.changeSummary(run.id)).toBeNull();
      expect(await snapshot((await runs.latestCatalog(connectionId))!)).toEqual(before);

      // The next run compares with the last published catalog, not with the failed one.
      const next = await succeeded(connectionId, [thing(2)]);
      expect(next.versionsWritten).toBe(0);
    });
  });

  describe('unchanged objects (304 Not Modified)', () => {
    it('accounts them with their current field counts, and names those without a stored version', async () => {
      const connectionId = await newConnection();
      const first = await succeeded(connectionId, [accountDescribe(), thing(4)]);
      expect(await catalog.currentObjectNames(connectionId, first.seq + 1, ['Account', 'Nope__c'])).toEqual(
        new Set(['Account']),
      );
      const run = await running(connectionId, ['Account', 'Thing__c', 'New__c', 'Nope__c']);
      // Only what the catalog held before this run counts as current.
      expect(await catalog.currentObjectNames(connectionId, first.seq, ['Account'])).toEqual(new Set());

      expect(await catalog.saveBatch(run.id, 'job-1', { described: [], unchanged: ['Account', 'Nope__c'] })).toEqual({
        written: 0,
        unknown: ['Nope__c'],
      });
      expect(
        await catalog.saveBatch(run.id, 'job-2', {
          described: [customObjectDescribe('New__c', 2), thing(4, (describe) => (describe.label = 'Renamed'))],
          unchanged: [],
        }),
      ).toEqual({ written: 4, unknown: [] });
      expect(await runs.get(run.id)).toMatchObject({
        objectsTotal: 4,
        objectsDone: 3,
        fieldsCount: ACCOUNT_FIELDS + 2 + 4,
        objectsUnchanged: 1,
        versionsWritten: 4,
      });
      expect(await catalog.accountedObjects(run.id)).toEqual(new Set(['Account', 'Thing__c', 'New__c']));
      expect(await runs.missingObjects(run.id)).toEqual(['Nope__c']);
      expect(await runs.markSucceeded(run.id)).toBe(false);

      // Described again by the same job, as the worker does with what it answers as unknown.
      await catalog.saveBatch(run.id, 'job-1', { described: [customObjectDescribe('Nope__c', 1)], unchanged: [] });
      expect(await runs.get(run.id)).toMatchObject({ objectsDone: 4, fieldsCount: ACCOUNT_FIELDS + 2 + 4 + 1 });
      expect(await runs.markSucceeded(run.id)).toBe(true);
      // The final counts are the catalog's size.
      expect(await runs.get(run.id)).toMatchObject({
        objectsDone: 4,
        fieldsCount: ACCOUNT_FIELDS + 4 + 2 + 1,
        objectsUnchanged: 1,
        versionsWritten: 6,
      });
      const view = (await runs.latestCatalog(connectionId))!;
      expect(await catalog.getObject(view, 'Account')).toEqual(await catalog.getObject(await at(first), 'Account'));
      expect((await catalog.listObjects(view, { limit: 10 })).map((o) => [o.name, o.label])).toEqual([
        ['Account', 'Account'],
        ['New__c', 'New'],
        ['Nope__c', 'Nope'],
        ['Thing__c', 'Renamed'],
      ]);
    });
  });

  describe('changeSummary', () => {
    it('counts everything as added for the first catalog, and answers null for other runs', async () => {
      const connectionId = await newConnection();
      const first = await succeeded(connectionId, [thing(3), customObjectDescribe('Other__c', 1)]);
      expect(await catalog.changeSummary(first.id)).toEqual({
        fromRunId: null,
        toRunId: first.id,
        objects: { added: 2, removed: 0, changed: 0 },
        fields: { added: 4, removed: 0, changed: 0 },
        ...noItemChanges,
      });
      const { run } = await runs.startOrGetActive(connectionId);
      expect(await catalog.changeSummary(run.id)).toBeNull();
      expect(await catalog.changeSummary(randomUUID())).toBeNull();
      expect(await catalog.changeSummary('not-a-uuid')).toBeNull();
    });

    it('counts against the previous succeeded run, skipping failed ones', async () => {
      const connectionId = await newConnection();
      const first = await succeeded(connectionId, [thing(3), customObjectDescribe('Other__c', 1)]);
      const failed = await running(connectionId, []);
      await runs.markFailed(failed.id, 'X', 'x');
      const second = await succeeded(connectionId, [
        thing(4, (_describe, fields) => {
          (fields[0] as Json).type = 'textarea';
          fields.splice(1, 1);
        }),
        customObjectDescribe('Added__c', 2),
      ]);
      expect(await catalog.changeSummary(second.id)).toEqual({
        fromRunId: first.id,
        toRunId: second.id,
        objects: { added: 1, removed: 1, changed: 0 },
        // Thing: Field0 changed, Field1 removed, Field3 added; Other's field removed; Added's two fields added.
        fields: { added: 3, removed: 2, changed: 1 },
        ...noItemChanges,
      });
    });
  });
});
