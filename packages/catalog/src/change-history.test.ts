import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import {
  type AttributeChange,
  type ChangeCursor,
  ChangeHistory,
  type ItemChange,
  attributeChanges,
} from './change-history.ts';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { customObjectDescribe, describeField } from './fixtures/describes.ts';
import { storeCatalog } from './fixtures/stored-catalog.ts';
import { type ExtractionRun, RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';

type Json = Record<string, unknown>;

/** The first catalog: Thing__c with three fields, Other__c with one. */
const original = () => [customObjectDescribe('Thing__c', 3), customObjectDescribe('Other__c', 1)];

/** The second: Thing__c relabelled, one attribute added and one gone, fields changed; Other__c gone, New__c new. */
function changed(): Json[] {
  const thing = customObjectDescribe('Thing__c', 4);
  thing.label = 'Renamed';
  thing.feedEnabled = true;
  delete thing.searchable;
  const fields = thing.fields as Json[];
  fields[0] = { ...fields[0], label: 'Renamed field', picklistValues: ['x'] };
  fields.splice(1, 1);
  return [thing, customObjectDescribe('New__c', 1)];
}

const item = (
  kind: string,
  parent: string,
  name: string,
  change: ItemChange['change'],
  attributes: AttributeChange[] = [],
): ItemChange => ({ kind, parent, name, change, attributes });

describe('ChangeHistory', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let history: ChangeHistory;
  let connectionId: string;
  let runs: ExtractionRun[];

  beforeAll(async () => {
    database = await createCatalogDatabase();
    history = new ChangeHistory(database.pool);
    const connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    const stores = { runs: new RunStore(database.pool), catalog: new CatalogStore(database.pool) };
    connectionId = (await connections.create({ host: 'h', authType: 'oauth', consumerKey: 'k', consumerSecret: 's' }))
      .id;
    runs = [];
    for (const describes of [original(), changed(), original()]) {
      runs.push(await storeCatalog(stores, connectionId, describes));
      // Failed runs in between leave no trace in the history.
      const { run } = await stores.runs.startOrGetActive(connectionId);
      await stores.runs.markRunning(run.id);
      await stores.catalog.saveBatch(run.id, 'job', {
        described: [customObjectDescribe('Failed__c', 2)],
        unchanged: [],
      });
      await stores.runs.markFailed(run.id, 'X', 'x');
    }
    // Nor does a run still going.
    const { run } = await stores.runs.startOrGetActive(connectionId);
    await stores.runs.markRunning(run.id);
    await stores.catalog.saveBatch(run.id, 'job', { described: [customObjectDescribe('Thing__c', 1)], unchanged: [] });
  });

  afterAll(async () => {
    await database?.close();
  });

  const seq = (index: number) => runs[index]?.seq as number;

  const expected = [
    item('field', 'New__c', 'Field0__c', 'added'),
    item('field', 'Other__c', 'Field0__c', 'removed'),
    {
      ...item('field', 'Thing__c', 'Field0__c', 'changed'),
      attributes: [
        { attribute: 'label', old: 'Field 0', new: 'Renamed field' },
        { attribute: 'picklistValues', old: [], new: ['x'] },
      ],
    },
    item('field', 'Thing__c', 'Field1__c', 'removed'),
    item('field', 'Thing__c', 'Field3__c', 'added'),
    item('object', '', 'New__c', 'added'),
    item('object', '', 'Other__c', 'removed'),
    {
      ...item('object', '', 'Thing__c', 'changed'),
      attributes: [
        { attribute: 'feedEnabled', new: true },
        { attribute: 'label', old: 'Thing', new: 'Renamed' },
        { attribute: 'searchable', old: false },
      ],
    },
  ];

  it('lists what was added, removed and changed between two runs, attribute by attribute', async () => {
    expect(await history.between(connectionId, seq(0), seq(1), { limit: 100 })).toEqual(expected);
    expect(await history.count(connectionId, seq(0), seq(1))).toEqual({
      field: { added: 2, removed: 2, changed: 1 },
      object: { added: 1, removed: 1, changed: 1 },
    });
  });

  it('sees the way back as the reverse', async () => {
    const back = await history.between(connectionId, seq(1), seq(2), { limit: 100 });
    const reversed = { added: 'removed', removed: 'added', changed: 'changed' } as const;
    expect(back).toEqual(
      expected.map((item) => ({
        ...item,
        change: reversed[item.change],
        attributes: item.attributes.map(({ attribute, old, new: now }) => ({
          attribute,
          ...(now === undefined ? {} : { old: now }),
          ...(old === undefined ? {} : { new: old }),
        })),
      })),
    );
  });

  it('finds no change in an item changed and changed back', async () => {
    expect(await history.between(connectionId, seq(0), seq(2), { limit: 100 })).toEqual([]);
    expect(await history.count(connectionId, seq(0), seq(2))).toEqual({});
  });

  it('counts the first catalog as all added', async () => {
    const items = await history.between(connectionId, 0, seq(0), { limit: 100 });
    expect(items.map((item) => [item.kind, item.parent, item.name, item.change])).toEqual([
      ['field', 'Other__c', 'Field0__c', 'added'],
      ['field', 'Thing__c', 'Field0__c', 'added'],
      ['field', 'Thing__c', 'Field1__c', 'added'],
      ['field', 'Thing__c', 'Field2__c', 'added'],
      ['object', '', 'Other__c', 'added'],
      ['object', '', 'Thing__c', 'added'],
    ]);
    expect(await history.count(connectionId, 0, seq(0))).toEqual({
      field: { added: 4, removed: 0, changed: 0 },
      object: { added: 2, removed: 0, changed: 0 },
    });
  });

  it('pages by cursor, and filters by kind', async () => {
    const pages: ItemChange[][] = [];
    let after: ChangeCursor | undefined;
    do {
      const page = await history.between(connectionId, seq(0), seq(1), { limit: 3, ...(after ? { after } : {}) });
      pages.push(page);
      after = page.length === 3 ? page.at(-1) : undefined;
    } while (after);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(expected);

    const objects = expected.filter((item) => item.kind === 'object');
    expect(await history.between(connectionId, seq(0), seq(1), { kind: 'object', limit: 100 })).toEqual(objects);
    const first = await history.between(connectionId, seq(0), seq(1), { kind: 'object', limit: 2 });
    expect(first).toEqual(objects.slice(0, 2));
    expect(
      await history.between(connectionId, seq(0), seq(1), {
        kind: 'object',
        limit: 2,
        after: first[1] as ChangeCursor,
      }),
    ).toEqual(objects.slice(2));
    expect(await history.between(connectionId, seq(0), seq(1), { kind: 'report', limit: 10 })).toEqual([]);
  });

  it('keeps every version of an object and of its fields, oldest first', async () => {
    const versions = await history.versionsOf(connectionId, 'object', 'Other__c');
    expect(versions.map((v) => [v.kind, v.name, v.fromSeq, v.toSeq])).toEqual([
      ['field', 'Field0__c', seq(0), seq(1)],
      ['object', 'Other__c', seq(0), seq(1)],
      ['field', 'Field0__c', seq(2), null],
      ['object', 'Other__c', seq(2), null],
    ]);
    expect(versions[1]?.content).toMatchObject({ name: 'Other__c', label: 'Other' });
    expect(versions[1]?.content).not.toHaveProperty('fields');
  });

  it('answers nothing for an unknown connection', async () => {
    expect(await history.between(randomUUID(), seq(0), seq(1), { limit: 10 })).toEqual([]);
    expect(await history.between('x', seq(0), seq(1), { limit: 10 })).toEqual([]);
    expect(await history.count('x', seq(0), seq(1))).toEqual({});
    expect(await history.versionsOf('x', 'object', 'Thing__c')).toEqual([]);
  });
});

describe('attributeChanges', () => {
  it('names each differing attribute in name order, deep values compared', () => {
    const field = describeField({ name: 'A' });
    expect(attributeChanges(field, { ...field })).toEqual([]);
    expect(
      attributeChanges(
        { b: 1, a: [1, { x: 1 }], gone: null, same: { k: [1] } },
        { a: [1, { x: 2 }], b: 1, added: false, same: { k: [1] } },
      ),
    ).toEqual([
      { attribute: 'a', old: [1, { x: 1 }], new: [1, { x: 2 }] },
      { attribute: 'added', new: false },
      { attribute: 'gone', old: null },
    ]);
  });

  it('compares what sfmeta adds ($tooling, $describe) key by key', () => {
    const before = { name: 'A', $tooling: { description: 'old', createdById: '005A' }, $describe: { columns: [] } };
    const after = { name: 'A', $tooling: { description: 'new', createdById: '005A' } };
    expect(attributeChanges(before, after)).toEqual([
      { attribute: '$describe.columns', old: [] },
      { attribute: '$tooling.description', old: 'old', new: 'new' },
    ]);
  });
});
