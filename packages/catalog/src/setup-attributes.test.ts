import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { accountDescribe, customObjectDescribe } from './fixtures/describes.ts';
import { sfId, toolingRecord, userItem } from './fixtures/items.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';
import { storeCatalog } from './fixtures/stored-catalog.ts';
import { ItemStore } from './item-store.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';

type Json = Record<string, unknown>;

const INSTANCE = 'https://acme.my.salesforce.com';
const alice = userItem(sfId('005', 1), 'Alice Admin');
const bob = sfId('005', 2);

/** Invoice__c as the worker stores it with Tooling on: `$tooling` on the object and each field. */
function invoice(): Json {
  const describe = customObjectDescribe('Invoice__c', 2);
  describe.$tooling = toolingRecord({
    durableId: '01I000000000001AAA',
    description: 'Bills sent to customers',
    namespacePrefix: 'acme',
    manageableState: 'released',
    createdDate: '2024-01-02T03:04:05.000+0000',
    createdById: alice.name,
    lastModifiedDate: '2024-05-01T10:00:00.000+0000',
    lastModifiedById: bob,
  });
  const [first, second] = describe.fields as Json[];
  (first as Json).$tooling = toolingRecord({
    durableId: '01I000000000001.00N000000000001',
    description: 'The amount due',
    createdById: alice.name,
  });
  (second as Json).$tooling = toolingRecord({ durableId: 'Invoice__c.Field1__c', description: null });
  return describe;
}

describe('objects and fields with what Tooling said of them', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let runs: RunStore;
  let catalog: CatalogStore;
  let stores: { runs: RunStore; catalog: CatalogStore; items: ItemStore };

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    runs = new RunStore(database.pool);
    catalog = new CatalogStore(database.pool);
    stores = { runs, catalog, items: new ItemStore(database.pool) };
  });

  afterAll(async () => {
    await database?.close();
  });

  async function connectedCatalog(describes: Json[]) {
    const connectionId = await createOAuthConnection(connections);
    await connections.markConnected(connectionId, {
      orgId: '00D000000000001AAA',
      userId: alice.name,
      instanceUrl: INSTANCE,
      accessToken: 'at',
    });
    await storeCatalog(stores, connectionId, describes, { user: [alice] });
    return (await runs.latestCatalog(connectionId))!;
  }

  it('shows description, namespace, dates, users and Setup links, and not the raw $tooling', async () => {
    const view = await connectedCatalog([invoice(), accountDescribe()]);
    const object = await catalog.getObject(view, 'Invoice__c');
    expect(object).toMatchObject({
      name: 'Invoice__c',
      description: 'Bills sent to customers',
      namespace: 'acme',
      manageableState: 'released',
      createdDate: '2024-01-02T03:04:05.000+0000',
      createdBy: { id: alice.name, name: 'Alice Admin', email: 'alice.admin@acme.example' },
      lastModifiedDate: '2024-05-01T10:00:00.000+0000',
      lastModifiedBy: { id: bob, name: null, email: null },
      url: `${INSTANCE}/lightning/setup/ObjectManager/Invoice__c/Details/view`,
    });
    expect(object).not.toHaveProperty('$tooling');
    expect(object?.fields[0]).toMatchObject({
      description: 'The amount due',
      createdBy: { id: alice.name, name: 'Alice Admin' },
      lastModifiedBy: null,
      url: `${INSTANCE}/lightning/setup/ObjectManager/Invoice__c/FieldsAndRelationships/00N000000000001/view`,
    });
    expect(object?.fields[1]).toMatchObject({
      description: null,
      url: `${INSTANCE}/lightning/setup/ObjectManager/Invoice__c/FieldsAndRelationships/Field1__c/view`,
    });
    for (const field of object?.fields ?? []) expect(field).not.toHaveProperty('$tooling');
    // Without Tooling: nulls, and links all the same.
    const account = await catalog.getObject(view, 'Account');
    expect(account).toMatchObject({ description: null, createdBy: null, namespace: null });
    expect(account?.fields.find((f) => f.name === 'Name')?.url).toBe(
      `${INSTANCE}/lightning/setup/ObjectManager/Account/FieldsAndRelationships/Name/view`,
    );

    const [accountLine, invoiceLine] = await catalog.listObjects(view, { limit: 10 });
    expect(accountLine).toMatchObject({ name: 'Account', description: null, createdBy: null });
    expect(invoiceLine).toEqual({
      name: 'Invoice__c',
      label: 'Invoice',
      labelPlural: 'Invoices',
      custom: true,
      keyPrefix: null,
      queryable: true,
      fieldCount: 2,
      recordTypeCount: 1,
      recordCount: null,
      description: 'Bills sent to customers',
      namespace: 'acme',
      manageableState: 'released',
      createdDate: '2024-01-02T03:04:05.000+0000',
      createdBy: { id: alice.name, name: 'Alice Admin', email: 'alice.admin@acme.example' },
      lastModifiedDate: '2024-05-01T10:00:00.000+0000',
      lastModifiedBy: { id: bob, name: null, email: null },
      url: `${INSTANCE}/lightning/setup/ObjectManager/Invoice__c/Details/view`,
    });
  });

  it('searches objects by name, label or description, a page at a time', async () => {
    const described = (name: string, label: string, description: string | null) => ({
      ...customObjectDescribe(name, 0),
      label,
      $tooling: toolingRecord({ description }),
    });
    const view = await connectedCatalog([
      described('Alpha__c', 'First', 'Holds 100% of the_data'),
      described('Beta__c', 'Alphabet', null),
      described('Gamma__c', 'Third', "The customer's alpha list"),
      described('Delta__c', 'Fourth', '100 percent'),
    ]);
    const search = async (query: string, page: { after?: string; limit?: number } = {}) =>
      (await catalog.listObjects(view, { limit: 10, ...page, query })).map((o) => o.name);
    expect(await search('ALPHA')).toEqual(['Alpha__c', 'Beta__c', 'Gamma__c']);
    expect(await search('alpha', { limit: 1, after: 'Alpha__c' })).toEqual(['Beta__c']);
    // As wildcards, `100%` and `100_` would match Delta's "100 percent" too.
    expect(await search('100%')).toEqual(['Alpha__c']);
    expect(await search('100_')).toEqual([]);
    expect(await search('e_d')).toEqual(['Alpha__c']);
    expect(await search("customer's")).toEqual(['Gamma__c']);
    expect(await search('delta__')).toEqual(['Delta__c']);
    expect(await search('zzz')).toEqual([]);
  });

  it('finds custom objects by their durable id, in either length', async () => {
    const view = await connectedCatalog([invoice(), accountDescribe()]);
    expect(await catalog.objectNames(view, ['01I000000000001AAA', '01I000000000001', '01I000000000009'])).toEqual(
      new Map([['01I000000000001', 'Invoice__c']]),
    );
    expect(await catalog.objectNames(view, [])).toEqual(new Map());
  });
});
