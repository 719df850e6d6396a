import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { customObjectDescribe } from './fixtures/describes.ts';
import { storeCatalog } from './fixtures/stored-catalog.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';

describe('retention', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let stores: { runs: RunStore; catalog: CatalogStore };

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    stores = { runs: new RunStore(database.pool), catalog: new CatalogStore(database.pool) };
  });

  afterAll(async () => {
    await database?.close();
  });

  const newConnection = () => createOAuthConnection(connections);

  const versionCount = async (connectionId: string) =>
    Number(
      (await database.pool.query('SELECT count(*) FROM catalog_versions WHERE connection_id = $1', [connectionId]))
        .rows[0].count,
    );

  /** Five runs: the first two see Old__c, the last three New__c; Same__c never changes. */
  async function fiveRuns(connectionId: string) {
    const same = customObjectDescribe('Same__c', 2);
    const ran = [];
    for (let index = 0; index < 5; index++) {
      const changing = customObjectDescribe(index < 2 ? 'Old__c' : 'New__c', 1);
      ran.push(await storeCatalog(stores, connectionId, [same, changing]));
    }
    return ran;
  }

  it('keeps the last N succeeded runs and what they point to, and removes the rest', async () => {
    const connectionId = await newConnection();
    const other = await newConnection();
    const ran = await fiveRuns(connectionId);
    await fiveRuns(other);
    // Same__c (object + 2 custom fields + standard ones) once; Old__c and New__c once each.
    const before = await versionCount(connectionId);
    await stores.runs.setRetention(connectionId, { runs: 2, days: 1 });
    await database.pool.query(
      `UPDATE extraction_runs SET finished_at = now() - interval '10 days' WHERE connection_id = $1`,
      [connectionId],
    );

    const removed = await stores.runs.applyRetention({ runs: 30, days: 90 });

    expect(removed.runs).toBe(3);
    for (const run of ran.slice(0, 3)) expect(await stores.runs.get(run.id)).toBeUndefined();
    for (const run of ran.slice(3)) expect((await stores.runs.get(run.id))?.status).toBe('succeeded');
    // Old__c ended before the oldest kept run: its versions went; Same__c and New__c stayed.
    const oldVersions = await database.pool.query(
      `SELECT count(*)::int AS n FROM catalog_versions
        WHERE connection_id = $1 AND (name = 'Old__c' OR parent = 'Old__c')`,
      [connectionId],
    );
    expect(oldVersions.rows[0].n).toBe(0);
    expect(removed.versions).toBe(before - (await versionCount(connectionId)));
    expect(removed.versions).toBeGreaterThan(0);
    for (const run of ran.slice(3)) {
      const catalog = await stores.runs.catalogOf(connectionId, run.id);
      const objects = await stores.catalog.listObjects(catalog!, { limit: 10 });
      expect(objects.map((o) => o.name)).toEqual(['New__c', 'Same__c']);
      expect((await stores.catalog.getObject(catalog!, 'Same__c'))?.fields).toHaveLength(2);
    }
    // The other connection keeps all five under the defaults.
    expect((await stores.runs.listFor(other, 10)).length).toBe(5);
  });

  it('keeps runs younger than D days even beyond the last N', async () => {
    const connectionId = await newConnection();
    await fiveRuns(connectionId);
    await stores.runs.setRetention(connectionId, { runs: 1, days: 7 });
    const removed = await stores.runs.applyRetention({ runs: 30, days: 90 });
    expect(removed.runs).toBe(0);
    expect((await stores.runs.listFor(connectionId, 10)).length).toBe(5);
  });

  it('stores a connection setting, null meaning the default', async () => {
    const connectionId = await newConnection();
    expect(await stores.runs.retentionOf(connectionId)).toEqual({ runs: null, days: null });
    expect(await stores.runs.setRetention(connectionId, { runs: 3, days: null })).toEqual({ runs: 3, days: null });
    expect(await stores.runs.retentionOf(connectionId)).toEqual({ runs: 3, days: null });
    expect(
      await stores.runs.setRetention('00000000-0000-4000-8000-000000000000', { runs: 1, days: 1 }),
    ).toBeUndefined();
  });
});
