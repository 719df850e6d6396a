import fp from 'fastify-plugin';
import { CatalogStore } from '@sfmeta/catalog/catalog-store';
import { ChangeHistory } from '@sfmeta/catalog/change-history';
import { ConnectionStore } from '@sfmeta/catalog/connection-store';
import { createPool } from '@sfmeta/catalog/database';
import { ItemStore } from '@sfmeta/catalog/item-store';
import { LineageStore } from '@sfmeta/catalog/lineage-store';
import { migrate } from '@sfmeta/catalog/migrate';
import { OAuthStateStore } from '@sfmeta/catalog/oauth-state-store';
import { RunStore } from '@sfmeta/catalog/run-store';
import { ScheduleStore } from '@sfmeta/catalog/schedule-store';
import { createSecretBox } from '@sfmeta/catalog/secret-box';
import { WebhookStore } from '@sfmeta/catalog/webhook-store';

type Pool = ReturnType<typeof createPool>;

export interface Stores {
  connections: ConnectionStore;
  runs: RunStore;
  catalog: CatalogStore;
  items: ItemStore;
  lineage: LineageStore;
  changes: ChangeHistory;
  oauthStates: OAuthStateStore;
  webhooks: WebhookStore;
  schedules: ScheduleStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The catalog database pool, for readiness checks; routes go through `stores`. */
    database: Pool;
    stores: Stores;
  }
}

/** Migrates the catalog database, then opens the pool and the stores on it. */
export default fp(
  async (app) => {
    const { databaseUrl, encryptionKeys } = app.config;
    // Built first: a bad key must stop start-up before anything is opened.
    const box = createSecretBox(encryptionKeys);
    await migrate(databaseUrl, (message) => app.log.debug({ migration: message }, 'migrate'));
    const pool = createPool(databaseUrl, {
      applicationName: 'sfmeta-api',
      // A request should fail fast rather than hold its client: the API serves small reads.
      statementTimeoutMs: 10_000,
      onError: (error) => app.log.warn({ err: error }, 'idle database client failed'),
    });
    app.decorate('database', pool);
    app.decorate('stores', {
      connections: new ConnectionStore(pool, box),
      runs: new RunStore(pool),
      catalog: new CatalogStore(pool),
      items: new ItemStore(pool),
      lineage: new LineageStore(pool),
      changes: new ChangeHistory(pool),
      oauthStates: new OAuthStateStore(pool, box),
      webhooks: new WebhookStore(pool, box),
      schedules: new ScheduleStore(pool),
    });
    app.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'database', dependencies: ['config'] },
);
