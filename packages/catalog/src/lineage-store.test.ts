import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from './catalog-store.ts';
import { ConnectionStore } from './connection-store.ts';
import { createCatalogDatabase } from './fixtures/catalog-database.ts';
import { customObjectDescribe, describeField } from './fixtures/describes.ts';
import { dashboardItem, reportItem, sfId } from './fixtures/items.ts';
import { createOAuthConnection } from './fixtures/oauth-connection.ts';
import { type StoredItems, storeCatalog } from './fixtures/stored-catalog.ts';
import { ItemStore } from './item-store.ts';
import { LineageStore } from './lineage-store.ts';
import { RunStore } from './run-store.ts';
import { createSecretBox } from './secret-box.ts';

type Json = Record<string, unknown>;

/** Region__c ← Invoice__c (lookup), with a formula on Invoice__c reading its region's name. */
function describes(formula = 'Region__r.Name & " " & TEXT(Amount__c)'): Json[] {
  const region = customObjectDescribe('Region__c', 0);
  region.fields = [describeField({ name: 'Name', label: 'Name' }), describeField({ name: 'Code__c', custom: true })];
  const invoice = customObjectDescribe('Invoice__c', 0);
  invoice.fields = [
    describeField({ name: 'Name', label: 'Name' }),
    describeField({ name: 'Amount__c', type: 'currency', custom: true }),
    describeField({
      name: 'Region__c',
      type: 'reference',
      custom: true,
      referenceTo: ['Region__c'],
      relationshipName: 'Region__r',
    }),
    describeField({ name: 'Label__c', custom: true, calculated: true, calculatedFormula: formula }),
  ];
  return [region, invoice];
}

const report = sfId('00O', 1);
const items = (): StoredItems => ({
  report: [
    reportItem(report, {
      $describe: {
        reportType: { type: 'CustomEntity$Invoice__c', label: 'Invoices' },
        columns: [{ name: 'Invoice__c.Label__c', label: 'Label', dataType: 'string' }],
        sourceObjects: ['Invoice__c'],
      },
    }),
  ],
  dashboard: [dashboardItem(sfId('01Z', 1), [report])],
});

describe('LineageStore', () => {
  let database: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let connections: ConnectionStore;
  let runs: RunStore;
  let lineage: LineageStore;
  let stores: { runs: RunStore; catalog: CatalogStore; items: ItemStore };

  beforeAll(async () => {
    database = await createCatalogDatabase();
    connections = new ConnectionStore(database.pool, createSecretBox([{ id: 'k', key: randomBytes(32) }]));
    runs = new RunStore(database.pool);
    lineage = new LineageStore(database.pool);
    stores = { runs, catalog: new CatalogStore(database.pool), items: new ItemStore(database.pool) };
  });
  afterAll(() => database?.close());

  const lineageRows = async (connectionId: string, where: string, seq: number) => {
    const { rows } = await database.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM catalog_versions
        WHERE connection_id = $1 AND kind IN ('edge', 'lineage_warning') AND ${where} = $2`,
      [connectionId, seq],
    );
    return rows[0]?.count;
  };

  it('derives the lineage when a run is published, and rewrites only what changed', async () => {
    const connectionId = await createOAuthConnection(connections);
    const first = await storeCatalog(stores, connectionId, describes(), items());
    const view = (await runs.catalogOf(connectionId, first.id))!;
    const edges = await lineage.edges(view, { limit: 100 });
    expect(edges.edges.map((e) => `${e.kind} ${e.source} → ${e.target}`).sort()).toEqual([
      `dashboard_report report:${report} → dashboard:${sfId('01Z', 1)}`,
      'formula Invoice__c.Amount__c → Invoice__c.Label__c',
      'formula Region__c.Name → Invoice__c.Label__c',
      'reference Region__c → Invoice__c',
      `report_field Invoice__c.Label__c → report:${report}`,
      `report_object Invoice__c → report:${report}`,
    ]);
    expect(first.itemCounts).toMatchObject({ edge: 6 });

    // The same catalog again writes no lineage; a changed formula replaces only its own edges.
    const second = await storeCatalog(stores, connectionId, describes(), items());
    expect(await lineageRows(connectionId, 'from_seq', second.seq)).toBe(0);
    const third = await storeCatalog(stores, connectionId, describes('Region__r.Code__c + Nope__c'), items());
    expect(await lineageRows(connectionId, 'to_seq', third.seq)).toBe(2);
    const now = (await runs.catalogOf(connectionId, third.id))!;
    const formulas = await lineage.edges(now, { limit: 100, kinds: ['formula'] });
    expect(formulas.edges.map((e) => e.source)).toEqual(['Region__c.Code__c']);
    expect((await lineage.warnings(now, { limit: 10 })).warnings).toEqual([
      expect.objectContaining({ node: 'Invoice__c.Label__c', reference: 'Nope__c' }),
    ]);
    // The earlier run still reads its own lineage.
    expect((await lineage.edges(view, { limit: 100, kinds: ['formula'] })).edges).toHaveLength(2);
  });

  it('walks the graph, pages edges, and lists the columns of an object', async () => {
    const connectionId = await createOAuthConnection(connections);
    const run = await storeCatalog(stores, connectionId, describes(), items());
    const view = (await runs.catalogOf(connectionId, run.id))!;

    const down = await lineage.subgraph(view, 'Region__c.Name', { direction: 'downstream', depth: 3, maxEdges: 100 });
    expect(down.nodes.map((n) => [n.id, n.distance])).toEqual([
      ['Region__c.Name', 0],
      ['Invoice__c.Label__c', 1],
      [`report:${report}`, 2],
      [`dashboard:${sfId('01Z', 1)}`, 3],
    ]);
    expect(down.nodes.find((n) => n.type === 'report')?.name).toBe(`Report ${report.slice(-6)}`);
    const shallow = await lineage.subgraph(view, 'Region__c.Name', {
      direction: 'downstream',
      depth: 1,
      maxEdges: 100,
    });
    expect(shallow.edges).toHaveLength(1);
    const up = await lineage.subgraph(view, `report:${report}`, { direction: 'upstream', depth: 2, maxEdges: 100 });
    expect(new Set(up.nodes.map((n) => n.id))).toEqual(
      new Set([
        `report:${report}`,
        'Invoice__c.Label__c',
        'Invoice__c',
        'Region__c.Name',
        'Invoice__c.Amount__c',
        'Region__c',
      ]),
    );
    const capped = await lineage.subgraph(view, `report:${report}`, { direction: 'upstream', depth: 3, maxEdges: 2 });
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.edges).toHaveLength(2);
    // A cut walk keeps the same edges every time.
    expect(await lineage.subgraph(view, `report:${report}`, { direction: 'upstream', depth: 3, maxEdges: 2 })).toEqual(
      capped,
    );

    const pages: string[] = [];
    let after: string | undefined;
    do {
      const page = await lineage.edges(view, { limit: 4, ...(after ? { after } : {}) });
      pages.push(...page.edges.map((e) => `${e.kind} ${e.source} ${e.target}`));
      after = page.next ?? undefined;
    } while (after);
    expect(pages).toHaveLength(6);
    expect(new Set(pages).size).toBe(6);

    const columns = await lineage.columnsOf(view, 'Invoice__c');
    expect(columns.get('Label__c')).toEqual({
      upstream: ['Invoice__c.Amount__c', 'Region__c.Name'],
      downstream: [],
      warnings: [],
    });
    expect(columns.get('Amount__c')).toMatchObject({ downstream: ['Invoice__c.Label__c'] });
    expect((await lineage.columnsOf(view, 'Region__c')).get('Name')).toMatchObject({
      downstream: ['Invoice__c.Label__c'],
    });

    expect(await lineage.hasNode(view, 'Invoice__c.Amount__c')).toBe(true);
    expect(await lineage.hasNode(view, `report:${report}`)).toBe(true);
    expect(await lineage.hasNode(view, 'Invoice__c.Nothing__c')).toBe(false);
  });
});
