import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { customObjectDescribe, describeField } from './fixtures/describes.ts';
import { toolingRecord } from './fixtures/items.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';
import { storeCatalog } from './fixtures/stored-catalog.ts';
import { ItemStore } from './item-store.ts';
import { readLineageInput } from './lineage-input.ts';
import type { ComponentDependency } from './lineage/lineage-types.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';

type Json = Record<string, unknown>;

const objectId = '01I000000000001';
const fieldId = (n: number) => `00N00000000000${n}`;
const withTooling = (field: Json, durableId: string): Json => ({ ...field, $tooling: toolingRecord({ durableId }) });

/** Invoice__c: Total__c rolls Amount__c up (a dependency row names both), Note__c is plain, Region__c a lookup. */
function invoice(): Json {
  const describe = customObjectDescribe('Invoice__c', 0);
  describe.fields = [
    withTooling(describeField({ name: 'Name' }), 'Invoice__c.Name'),
    withTooling(describeField({ name: 'Amount__c', type: 'currency', custom: true }), `${objectId}.${fieldId(1)}`),
    withTooling(
      describeField({ name: 'Total__c', type: 'currency', custom: true, calculated: true }),
      `${objectId}.${fieldId(2)}`,
    ),
    withTooling(describeField({ name: 'Note__c', custom: true }), `${objectId}.${fieldId(3)}`),
    describeField({
      name: 'Region__c',
      type: 'reference',
      custom: true,
      referenceTo: ['Region__c'],
      relationshipName: 'Region__r',
    }),
  ];
  return describe;
}

const rollupRow: ComponentDependency = {
  MetadataComponentId: `${fieldId(2)}AAA`,
  MetadataComponentName: 'Total',
  MetadataComponentType: 'CustomField',
  RefMetadataComponentId: `${fieldId(1)}AAA`,
  RefMetadataComponentName: 'Amount',
  RefMetadataComponentType: 'CustomField',
};

describe('readLineageInput', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let stores: { runs: RunStore; catalog: CatalogStore; items: ItemStore };

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    stores = {
      runs: new RunStore(database.pool),
      catalog: new CatalogStore(database.pool),
      items: new ItemStore(database.pool),
    };
  });
  afterAll(() => database?.close());

  it('holds each field with only what lineage reads, its DurableId only when a dependency row names it', async () => {
    const connectionId = await createOAuthConnection(connections);
    const run = await storeCatalog(stores, connectionId, [invoice()], {
      dependency: [{ name: 'total-amount', content: { ...rollupRow } }],
    });
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      const input = await readLineageInput(client, connectionId, run.seq);
      await client.query('COMMIT');
      const fields = Object.fromEntries(input.objects[0]!.fields.map((field) => [field.name, field]));
      expect(fields).toEqual({
        Name: { name: 'Name', type: 'string', durableId: null },
        Amount__c: { name: 'Amount__c', type: 'currency', durableId: `${objectId}.${fieldId(1)}` },
        Total__c: { name: 'Total__c', type: 'currency', calculated: true, durableId: `${objectId}.${fieldId(2)}` },
        Note__c: { name: 'Note__c', type: 'string', durableId: null },
        Region__c: {
          name: 'Region__c',
          type: 'reference',
          referenceTo: ['Region__c'],
          relationshipName: 'Region__r',
          durableId: null,
        },
      });
      expect(input.dependencies).toEqual([rollupRow]);
    } finally {
      client.release();
    }
  });
});
