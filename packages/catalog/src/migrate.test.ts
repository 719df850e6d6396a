import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestDatabase, type TestDatabase } from '@sfmeta/testing/test-database';
import { CatalogStore } from './catalog-store.ts';
import { createPool } from './database.ts';
import { accountDescribe, customObjectDescribe } from './fixtures/describes.ts';
import {
  insertOldConnection,
  insertOldRun,
  oldGetObject,
  oldListObjects,
  oldRunCounts,
} from './fixtures/old-layout.ts';
import { migrate } from './migrate.ts';
import { RunStore } from './run-store.ts';

type Json = Record<string, unknown>;
type Status = 'queued' | 'running' | 'succeeded' | 'failed';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  let sequential: TestDatabase;
  let concurrent: TestDatabase;

  beforeAll(async () => {
    [sequential, concurrent] = await Promise.all([
      createTestDatabase(serviceUrls().databaseUrl),
      createTestDatabase(serviceUrls().databaseUrl),
    ]);
  });

  afterAll(async () => {
    await Promise.all([sequential?.drop(), concurrent?.drop()]);
  });

  it('creates the schema, and a second call finds nothing to do', async () => {
    const messages: string[] = [];
    await migrate(sequential.url, (msg) => messages.push(msg));
    await migrate(sequential.url, (msg) => messages.push(msg));
    expect(messages.join('\n')).toContain('No migrations to run!');

    const tables = await query<{ table_name: string }>(
      sequential.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'catalog_versions',
      'connection_schedules',
      'connections',
      'extraction_runs',
      'oauth_states',
      'pgmigrations',
      'run_progress',
      'run_record_counts',
      'run_skipped_parts',
      'run_vanished_objects',
      'run_warnings',
      'webhook_deliveries',
      'webhooks',
    ]);
    const applied = await query<{ name: string }>(sequential.url, 'SELECT name FROM pgmigrations');
    expect(applied.map((m) => m.name)).toEqual([
      '1764374400000_initial-catalog',
      '1764460800000_oauth-web-server-flow',
      '1764547200000_run-completeness',
      '1764633600000_versioned-catalog',
      '1764720000000_extraction-schedules',
      '1764806400000_webhooks',
      '1764892800000_run-warnings',
      '1764979200000_record-counts',
      '1765065600000_complete-metadata',
      '1765152000000_lineage',
      '1765238400000_org-request-limit',
      '1765324800000_budget-pause',
    ]);
  });

  it('lets several processes migrate at once: the others wait, then find the work done', async () => {
    await Promise.all([migrate(concurrent.url), migrate(concurrent.url), migrate(concurrent.url)]);
    const applied = await query<{ count: string }>(concurrent.url, 'SELECT count(*) FROM pgmigrations');
    expect(applied[0]?.count).toBe(String(readdirSync(new URL('../migrations', import.meta.url)).length));
  });
});

describe('the versioned catalog migration', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase(serviceUrls().databaseUrl);
    await migrate(database.url, () => {}, { count: 3 });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await pool?.end();
    await database?.drop();
  });

  const thing = (fieldCount: number, change: (describe: Json, fields: Json[]) => void = () => {}) => {
    const describe = customObjectDescribe('Thing__c', fieldCount);
    change(describe, describe.fields as Json[]);
    return describe;
  };
  const relabelled = (_describe: Json, fields: Json[]) => {
    (fields[1] as Json).label = 'Relabelled';
  };
  const bare = {
    name: 'Bare__c',
    label: 'Bare',
    labelPlural: 'Bares',
    fields: [{ name: 'Id', label: 'ID', type: 'id', soapType: 'tns:ID' }],
  };

  it("serves every succeeded run's catalog as the old layout did, each distinct version stored once", async () => {
    const applied = await client.query<{ name: string }>('SELECT name FROM pgmigrations ORDER BY id');
    expect(applied.rows.at(-1)?.name).toBe('1764547200000_run-completeness');

    // Four connections whose runs interleave in time, as in a real database.
    const [a, b, c, d] = (await Promise.all(
      ['00DA', '00DB', '00DC', '00DD'].map((org) => insertOldConnection(client, org)),
    )) as [string, string, string, string];
    const start = Date.parse('2026-11-01T00:00:00Z');
    const runs: { id: string; connectionId: string; status: string }[] = [];
    const run = async (connectionId: string, status: Status, describes: Json[], listed?: string[]) => {
      const createdAt = new Date(start + runs.length * 60_000);
      const id = await insertOldRun(client, {
        connectionId,
        status,
        createdAt,
        describes,
        ...(listed ? { listed } : {}),
      });
      runs.push({ id, connectionId, status });
      return id;
    };
    const first = [accountDescribe(), thing(3), customObjectDescribe('Other__c', 1), bare];
    await run(a, 'succeeded', first);
    const b1 = await run(b, 'succeeded', [customObjectDescribe('X__c', 2)]);
    await run(a, 'succeeded', first);
    await run(d, 'succeeded', [customObjectDescribe('Y__c', 2), customObjectDescribe('Z__c', 1)]);
    await run(a, 'succeeded', first);
    const b2 = await run(b, 'succeeded', [customObjectDescribe('X__c', 2)]);
    const a4 = await run(a, 'succeeded', [
      accountDescribe(),
      thing(3, relabelled),
      customObjectDescribe('Other__c', 1),
      bare,
    ]);
    await run(c, 'failed', [customObjectDescribe('W__c', 1)], ['W__c', 'V__c']);
    await run(d, 'succeeded', [customObjectDescribe('Z__c', 1)]);
    await run(a, 'failed', [thing(5, (describe) => (describe.label = 'Never'))], ['Account', 'Thing__c']);
    await run(d, 'succeeded', [customObjectDescribe('Y__c', 2), customObjectDescribe('Z__c', 1)]);
    const latest = [accountDescribe(), thing(3, relabelled), customObjectDescribe('New__c', 2), bare];
    const a6 = await run(a, 'succeeded', latest);
    const a7 = await run(
      a,
      'running',
      [thing(1)],
      latest.map((describe) => String(describe.name)),
    );
    const b3 = await run(b, 'queued', []);

    // What the old store answered, for every run and every object any run of its connection had.
    const namesOf = new Map<string, Set<string>>();
    for (const { connectionId, id } of runs) {
      const names = namesOf.get(connectionId) ?? new Set();
      for (const object of await oldListObjects(client, id)) names.add(object.name);
      namesOf.set(connectionId, names);
    }
    const before = new Map<string, { list: object[]; objects: Map<string, unknown>; counts: unknown }>();
    for (const { connectionId, id, status } of runs) {
      if (status !== 'succeeded' && status !== 'failed') continue;
      const objects = new Map<string, unknown>();
      for (const name of namesOf.get(connectionId) ?? []) objects.set(name, await oldGetObject(client, id, name));
      before.set(id, { list: await oldListObjects(client, id), objects, counts: await oldRunCounts(client, id) });
    }

    await migrate(database.url);
    pool = createPool(database.url, { max: 2 });
    const store = { runs: new RunStore(pool), catalog: new CatalogStore(pool) };

    for (const { connectionId, id, status } of runs) {
      const stored = await store.runs.get(id);
      expect(stored?.status, id).toBe(status);
      if (status === 'succeeded' || status === 'failed') {
        expect(stored, id).toMatchObject(before.get(id)?.counts as object);
      } else {
        // An active run describes its objects again: its partial copy is not kept.
        expect(stored, id).toMatchObject({ objectsDone: 0, fieldsCount: 0 });
      }
      const view = await store.runs.catalogOf(connectionId, id);
      if (status !== 'succeeded') {
        expect(view, id).toBeUndefined();
        continue;
      }
      if (!view) throw new Error(`run ${id} has no catalog`);
      const list = [];
      for (let page = await store.catalog.listObjects(view, { limit: 2 }); page.length > 0; ) {
        list.push(...page);
        page = await store.catalog.listObjects(view, { limit: 2, after: page.at(-1)?.name as string });
      }
      // Runs before record counts have none, nor what Tooling says (descriptions, dates, links).
      const noSetup = {
        description: null,
        namespace: null,
        manageableState: null,
        createdDate: null,
        createdBy: null,
        lastModifiedDate: null,
        lastModifiedBy: null,
        url: null,
      };
      expect(list, id).toEqual(before.get(id)?.list.map((item) => ({ ...item, recordCount: null, ...noSetup })));
      // Every attribute the old layout answered is answered alike; the new one shows the rest of the
      // describe as well (the old dropped what it had no column for).
      for (const [name, object] of before.get(id)?.objects ?? []) {
        const now = await store.catalog.getObject(view, name);
        if (!object) {
          expect(now, `${id} ${name}`).toBeUndefined();
          continue;
        }
        const { fields, ...attributes } = object as unknown as { fields: Record<string, unknown>[] };
        expect(now, `${id} ${name}`).toMatchObject({ ...attributes, recordCount: null });
        expect(
          now?.fields.map((field) => field.name),
          `${id} ${name}`,
        ).toEqual(fields.map((field) => field.name));
        for (const [index, field] of (now?.fields ?? []).entries()) {
          expect(field, `${id} ${name}.${field.name}`).toMatchObject(fields[index]!);
        }
      }
    }
    expect(await store.runs.latestCatalog(a)).toMatchObject({ runId: a6, latest: true });
    expect(await store.runs.latestCatalog(c)).toBeUndefined();
    // Runs keep their order, and a new run comes after all of them.
    const seqs = await Promise.all(runs.map(async ({ id }) => (await store.runs.get(id))?.seq));
    expect(seqs).toEqual(runs.map((_, index) => index + 1));

    // Each distinct version once: identical runs share their rows, a changed item has one row per content.
    const repeated = await client.query(
      `SELECT connection_id, kind, parent, name, array_agg(from_seq ORDER BY from_seq)::int[] AS froms,
              array_agg(to_seq ORDER BY from_seq)::int[] AS tos
         FROM catalog_versions GROUP BY connection_id, kind, parent, name HAVING count(*) > 1
        ORDER BY connection_id = $1 DESC, kind, parent, name`,
      [a],
    );
    const seqOf = (id: string) => seqs[runs.findIndex((r) => r.id === id)] as number;
    const [d1, d2, d3] = runs.filter((r) => r.connectionId === d).map((r) => seqOf(r.id));
    expect(repeated.rows).toEqual([
      {
        connection_id: a,
        kind: 'field',
        parent: 'Thing__c',
        name: 'Field1__c',
        froms: [1, seqOf(a4)],
        tos: [seqOf(a4), null],
      },
      ...['Field0__c', 'Field1__c'].map((name) => ({
        connection_id: d,
        kind: 'field',
        parent: 'Y__c',
        name,
        froms: [d1, d3],
        tos: [d2, null],
      })),
      { connection_id: d, kind: 'object', parent: '', name: 'Y__c', froms: [d1, d3], tos: [d2, null] },
    ]);
    const count = async (connectionId: string) =>
      (await client.query('SELECT count(*)::int AS n FROM catalog_versions WHERE connection_id = $1', [connectionId]))
        .rows[0].n;
    const accountRows = 1 + (accountDescribe().fields as unknown[]).length;
    expect(await count(a)).toBe(accountRows + 4 + 1 + 2 + 3 + 2);
    expect(await count(b)).toBe(3);
    expect(await count(c)).toBe(0);
    const other = await client.query(
      `SELECT from_seq::int, to_seq::int FROM catalog_versions WHERE connection_id = $1 AND parent IN ('', 'Other__c')
          AND (name = 'Other__c' OR parent = 'Other__c')`,
      [a],
    );
    expect(other.rows).toEqual([
      { from_seq: 1, to_seq: seqOf(a6) },
      { from_seq: 1, to_seq: seqOf(a6) },
    ]);
    expect(await store.catalog.changeSummary(a4)).toMatchObject({
      objects: { added: 0, removed: 0, changed: 0 },
      fields: { added: 0, removed: 0, changed: 1 },
    });
    expect(await store.catalog.changeSummary(a6)).toMatchObject({
      fromRunId: a4,
      objects: { added: 1, removed: 1, changed: 0 },
      fields: { added: 2, removed: 1, changed: 0 },
    });

    // The active runs go on in the new layout: an unchanged catalog writes nothing, a change one row.
    expect(await store.runs.markRunning(b3)).toBe(true);
    await store.runs.setListedObjects(b3, ['X__c']);
    await store.catalog.saveBatch(b3, 'job', { described: [customObjectDescribe('X__c', 2)], unchanged: [] });
    expect(await store.runs.markSucceeded(b3)).toBe(true);
    expect(await store.runs.get(b3)).toMatchObject({ versionsWritten: 0, objectsDone: 1, fieldsCount: 2 });
    await store.runs.markFailed((await store.runs.startOrGetActive(b)).run.id, 'X', 'x');
    expect((await store.runs.listFor(b, 1))[0]?.seq).toBe(seqs.length + 1);
    const [atB2, atB3] = await Promise.all([b2, b3].map((id) => store.runs.catalogOf(b, id)));
    expect(await store.catalog.getObject(atB3!, 'X__c')).toEqual(await store.catalog.getObject(atB2!, 'X__c'));
    expect(await count(b)).toBe(3);
    expect(b1).not.toBe(b2);

    const changedThing = thing(3, (describe, fields) => {
      relabelled(describe, fields);
      describe.queryable = false;
    });
    await store.catalog.saveBatch(a7, 'job', {
      described: [changedThing, customObjectDescribe('New__c', 2)],
      unchanged: ['Account', 'Bare__c'],
    });
    expect(await store.runs.markSucceeded(a7)).toBe(true);
    expect(await store.runs.get(a7)).toMatchObject({ versionsWritten: 1, objectsUnchanged: 2, objectsDone: 4 });
    expect(await store.catalog.changeSummary(a7)).toMatchObject({
      fromRunId: a6,
      objects: { added: 0, removed: 0, changed: 1 },
      fields: { added: 0, removed: 0, changed: 0 },
    });
  });
});
