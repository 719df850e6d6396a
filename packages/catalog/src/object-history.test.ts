import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import { ChangeHistory } from './change-history.ts';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { customObjectDescribe } from './fixtures/describes.ts';
import { storeCatalog } from './fixtures/stored-catalog.ts';
import { type ItemVersion, type RunRef, objectHistory } from './object-history.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';

type Json = Record<string, unknown>;

/** Thing__c with `fieldCount` fields, after `change` edits it. */
function thing(fieldCount: number, change: (describe: Json, fields: Json[]) => void = () => {}): Json {
  const describe = customObjectDescribe('Thing__c', fieldCount);
  change(describe, describe.fields as Json[]);
  return describe;
}

const noFields = { added: [], removed: [], changed: [] };

describe('objectHistory', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let stores: { runs: RunStore; catalog: CatalogStore };
  let changes: ChangeHistory;

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    stores = { runs: new RunStore(database.pool), catalog: new CatalogStore(database.pool) };
    changes = new ChangeHistory(database.pool);
  });

  afterAll(async () => {
    await database?.close();
  });

  /** Runs each catalog in turn; returns the refs of the succeeded runs and the object's history. */
  async function historyAcross(catalogs: Json[][]) {
    const connectionId = (
      await connections.create({ host: 'h', authType: 'oauth', consumerKey: 'k', consumerSecret: 's' })
    ).id;
    for (const describes of catalogs) await storeCatalog(stores, connectionId, describes);
    const refs: RunRef[] = (await stores.runs.succeededBefore(connectionId, Number.MAX_SAFE_INTEGER, 100)).map(
      ({ runId, seq, extractedAt }) => ({ runId, seq, extractedAt }),
    );
    const ordered = [...refs].sort((a, b) => a.seq - b.seq);
    return {
      runs: ordered,
      history: objectHistory(await changes.versionsOf(connectionId, 'object', 'Thing__c'), refs),
    };
  }

  it('has one entry per run that added, changed or removed the object, with the run before it', async () => {
    const other = customObjectDescribe('Other__c', 1);
    const { runs, history } = await historyAcross([
      [thing(2), other],
      // Unchanged, and another object changed: no entry.
      [thing(2), customObjectDescribe('Other__c', 2)],
      [
        thing(3, (describe, fields) => {
          describe.label = 'Renamed';
          (fields[0] as Json).length = 80;
          fields.splice(1, 1);
        }),
        other,
      ],
      [other],
      [thing(1), other],
    ]);
    expect(history).toEqual([
      {
        run: runs[0],
        previousRun: null,
        change: 'added',
        attributes: [],
        fields: { added: ['Field0__c', 'Field1__c'], removed: [], changed: [] },
      },
      {
        run: runs[2],
        previousRun: runs[1],
        change: 'changed',
        attributes: [{ attribute: 'label', old: 'Thing', new: 'Renamed' }],
        fields: {
          added: ['Field2__c'],
          removed: ['Field1__c'],
          changed: [{ name: 'Field0__c', attributes: [{ attribute: 'length', old: 255, new: 80 }] }],
        },
      },
      // The last run that saw it before it went.
      {
        run: runs[3],
        previousRun: runs[2],
        change: 'removed',
        attributes: [],
        fields: { added: [], removed: ['Field0__c', 'Field2__c'], changed: [] },
      },
      {
        run: runs[4],
        previousRun: null,
        change: 'added',
        attributes: [],
        fields: { ...noFields, added: ['Field0__c'] },
      },
    ]);
  });

  it('reports a field change alone, and nothing for a change of field order', async () => {
    const { runs, history } = await historyAcross([
      [thing(3)],
      [thing(3, (_describe, fields) => fields.reverse())],
      [thing(3, (_describe, fields) => ((fields[2] as Json).custom = false))],
    ]);
    expect(history.map((entry) => [entry.run, entry.change])).toEqual([
      [runs[0], 'added'],
      [runs[2], 'changed'],
    ]);
    expect(history[1]).toMatchObject({
      previousRun: runs[1],
      attributes: [],
      fields: {
        ...noFields,
        changed: [{ name: 'Field2__c', attributes: [{ attribute: 'custom', old: true, new: false }] }],
      },
    });
  });

  it('is empty for an object never stored', async () => {
    expect((await historyAcross([[customObjectDescribe('Other__c', 1)]])).history).toEqual([]);
  });

  it('skips boundaries at runs it was not given (retention), taking the state across them', () => {
    const run = (seq: number): RunRef => ({ runId: `run-${seq}`, seq, extractedAt: new Date(seq * 1000) });
    const versions: ItemVersion[] = [
      { kind: 'object', name: 'T', content: { label: 'a' }, fromSeq: 1, toSeq: 3 },
      { kind: 'object', name: 'T', content: { label: 'b' }, fromSeq: 3, toSeq: 5 },
      { kind: 'object', name: 'T', content: { label: 'c' }, fromSeq: 5, toSeq: null },
    ];
    // Run 3 is gone: its boundary is not an entry; run 5's compares with what run 4 had.
    expect(objectHistory(versions, [run(1), run(4), run(5)])).toEqual([
      { run: run(1), previousRun: null, change: 'added', attributes: [], fields: noFields },
      {
        run: run(5),
        previousRun: run(4),
        change: 'changed',
        attributes: [{ attribute: 'label', old: 'b', new: 'c' }],
        fields: noFields,
      },
    ]);
  });
});
