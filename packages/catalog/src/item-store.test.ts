import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { apexClassItem, apexTriggerItem, reportItem, sfId, userItem } from './fixtures/items.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';
import { type StoredItems, storeCatalog } from './fixtures/stored-catalog.ts';
import { ItemStore } from './item-store.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';

describe('ItemStore', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let runs: RunStore;
  let items: ItemStore;
  let stores: { runs: RunStore; catalog: CatalogStore; items: ItemStore };

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    runs = new RunStore(database.pool);
    items = new ItemStore(database.pool);
    stores = { runs, catalog: new CatalogStore(database.pool), items };
  });

  afterAll(async () => {
    await database?.close();
  });

  /** A connection with one succeeded run that stored `stored`; its catalog view. */
  async function catalogWith(stored: StoredItems) {
    const connectionId = await createOAuthConnection(connections);
    const run = await storeCatalog(stores, connectionId, [], stored);
    return { connectionId, run, view: (await runs.catalogOf(connectionId, run.id))! };
  }

  const classes = ['Alpha', 'beta', 'Gamma', 'Delta', 'Epsilon'].map((name, n) => apexClassItem(sfId('01p', n), name));
  const ids = (page: { name: string }[]) => page.map((item) => item.name);

  it('pages items by id, after a cursor', async () => {
    const { view } = await catalogWith({ apex_class: classes });
    const all = classes.map((item) => item.name);
    expect(ids(await items.list(view, 'apex_class', { limit: 10 }))).toEqual(all);
    expect(ids(await items.list(view, 'apex_class', { limit: 2 }))).toEqual(all.slice(0, 2));
    expect(ids(await items.list(view, 'apex_class', { limit: 2, after: all[1] }))).toEqual(all.slice(2, 4));
    expect(await items.list(view, 'apex_class', { limit: 2, after: all[4] })).toEqual([]);
    // Items of another kind are apart.
    expect(await items.list(view, 'report', { limit: 10 })).toEqual([]);
    expect((await items.list(view, 'apex_class', { limit: 1 }))[0]?.content).toEqual(classes[0]?.content);
  });

  it('searches names and descriptions case-insensitively, taking quotes, % and _ literally', async () => {
    const reports = [
      reportItem(sfId('00O', 1), { Name: "Won't close: 100% sure", Description: null }),
      reportItem(sfId('00O', 2), { Name: 'Pipeline', Description: 'Weekly_pipeline by stage' }),
      reportItem(sfId('00O', 3), { Name: 'Weekly pipeline', DeveloperName: 'Weekly_X' }),
      reportItem(sfId('00O', 4), { Name: 'Backslash \\ report', FolderName: 'Marketing' }),
    ];
    const { view } = await catalogWith({ report: reports });
    const search = async (query: string) => ids(await items.list(view, 'report', { limit: 10, query }));
    expect(await search("won't")).toEqual([reports[0]?.name]);
    expect(await search('100%')).toEqual([reports[0]?.name]);
    expect(await search('%')).toEqual([reports[0]?.name]);
    expect(await search('weekly_')).toEqual([reports[1]?.name, reports[2]?.name]);
    expect(await search('y_p')).toEqual([reports[1]?.name]);
    expect(await search('\\')).toEqual([reports[3]?.name]);
    expect(await search('MARKETING')).toEqual([reports[3]?.name]);
    expect(await search('nothing like it')).toEqual([]);
    expect(ids(await items.list(view, 'report', { limit: 1, after: reports[0]?.name, query: 'weekly' }))).toEqual([
      reports[1]?.name,
    ]);
  });

  it('gets one item, and looks up users in bulk', async () => {
    const alice = userItem(sfId('005', 1), 'Alice');
    const { view } = await catalogWith({ apex_class: classes.slice(0, 1), user: [alice] });
    expect(await items.get(view, 'apex_class', classes[0]?.name as string)).toEqual(classes[0]);
    expect(await items.get(view, 'apex_class', 'nope')).toBeUndefined();
    expect(await items.get(view, 'apex_trigger', classes[0]?.name as string)).toBeUndefined();
    const users = await items.users(view, [alice.name, alice.name, sfId('005', 9), '']);
    expect([...users]).toEqual([[alice.name, alice.content]]);
    expect(await items.users(view, [])).toEqual(new Map());
  });

  it('reads each run as it was: changed, removed and added items', async () => {
    const connectionId = await createOAuthConnection(connections);
    const trigger = apexTriggerItem(sfId('01q', 1), 'T', 'Account');
    const first = await storeCatalog(stores, connectionId, [], { apex_trigger: [trigger], apex_class: classes });
    const changed = { ...trigger, content: { ...trigger.content, Status: 'Inactive' } };
    // The second run reads triggers and classes again: one class is gone, none changed. Reports were not read.
    const second = await storeCatalog(stores, connectionId, [], {
      apex_trigger: [changed],
      apex_class: classes.slice(1),
    });
    const at = async (run: { id: string }) => (await runs.catalogOf(connectionId, run.id))!;
    expect((await items.get(await at(first), 'apex_trigger', trigger.name))?.content.Status).toBe('Active');
    expect((await items.get(await at(second), 'apex_trigger', trigger.name))?.content.Status).toBe('Inactive');
    expect(ids(await items.list(await at(first), 'apex_class', { limit: 10 }))).toHaveLength(5);
    expect(ids(await items.list(await at(second), 'apex_class', { limit: 10 }))).toEqual(ids(classes.slice(1)));
    // The trigger's object is not in this catalog: its lineage says so.
    expect((await runs.get(second.id))?.itemCounts).toEqual({ apex_class: 4, apex_trigger: 1, lineage_warning: 1 });
  });

  it('keeps what a failed run ended early', async () => {
    const { connectionId, view } = await catalogWith({ apex_class: classes });
    const { run } = await runs.startOrGetActive(connectionId);
    await runs.markRunning(run.id);
    expect(await items.endMissing(run.id, 'apex_class', [])).toBe(5);
    await runs.markFailed(run.id, 'TEST', 'failed on purpose');
    const latest = (await runs.latestCatalog(connectionId))!;
    expect(latest.seq).toBe(view.seq);
    expect(ids(await items.list(latest, 'apex_class', { limit: 10 }))).toHaveLength(5);
    expect(await items.current(connectionId, Number.MAX_SAFE_INTEGER, 'apex_class')).toHaveProperty('size', 5);
  });

  it('refuses to store for a run that is not running', async () => {
    await expect(items.save(randomUUID(), 'job', 'report', [reportItem(sfId('00O', 1))])).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
  });
});
