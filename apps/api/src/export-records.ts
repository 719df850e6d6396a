import type { FastifyInstance } from 'fastify';
import type { CatalogView } from '@sfmeta/catalog/catalog-store';
import type { CatalogItem, ItemKind } from '@sfmeta/catalog/item-store';
import {
  apexClassView,
  apexTriggerView,
  dashboardView,
  reportView,
  type ViewContext,
} from '@sfmeta/catalog/item-views';
import type { ExportRecord } from '@sfmeta/export/export-record';
import { viewsOf } from './item-routes.ts';

type Deps = Pick<FastifyInstance, 'stores'>;

/** Items read per query: an export holds one page at a time, never the whole catalog. */
const pageSize = 100;

const itemKinds: {
  kind: ItemKind;
  node: string;
  view: (item: CatalogItem, context: ViewContext) => object;
  record: (view: object, upstream: ExportRecord['upstream']) => ExportRecord;
}[] = [
  {
    kind: 'report',
    node: 'report',
    view: reportView,
    record: (v, upstream) => ({ type: 'report', report: v as never, upstream }),
  },
  {
    kind: 'dashboard',
    node: 'dashboard',
    view: dashboardView,
    record: (v, upstream) => ({ type: 'dashboard', dashboard: v as never, upstream }),
  },
  {
    kind: 'apex_class',
    node: 'apex_class',
    view: apexClassView,
    record: (v, upstream) => ({ type: 'apex_class', apexClass: v as never, upstream }),
  },
  {
    kind: 'apex_trigger',
    node: 'apex_trigger',
    view: apexTriggerView,
    record: (v, upstream) => ({ type: 'apex_trigger', apexTrigger: v as never, upstream }),
  },
];

/**
 * A run's catalog as export records, read a page at a time as the export is written: each object with its
 * fields, then reports, dashboards, Apex classes and triggers, then flows, each with the lineage edges into it.
 */
export async function* exportRecords(app: Deps, catalog: CatalogView): AsyncGenerator<ExportRecord> {
  const { catalog: objects, items, lineage } = app.stores;
  for (let after: string | undefined; ; ) {
    const page = await objects.listObjects(catalog, { limit: pageSize, ...(after ? { after } : {}) });
    for (const summary of page) {
      const object = await objects.getObject(catalog, summary.name);
      if (object) yield { type: 'object', object, upstream: await lineage.upstreamOfObject(catalog, object.name) };
    }
    if (page.length < pageSize) break;
    after = page.at(-1)?.name;
  }
  for (const { kind, node, view, record } of itemKinds) {
    for (let after: string | undefined; ; ) {
      const page = await items.list(catalog, kind, { limit: pageSize, ...(after ? { after } : {}) });
      const views = await viewsOf(app, catalog, { view }, page);
      const upstream = await lineage.neighbours(
        catalog,
        page.map((item) => `${node}:${item.name}`),
        'upstream',
      );
      for (const [index, item] of page.entries()) {
        const into = upstream.filter((edge) => edge.target === `${node}:${item.name}`);
        yield record(views[index] as object, into);
      }
      if (page.length < pageSize) break;
      after = page.at(-1)?.name;
    }
  }
  for (const flow of await lineage.flows(catalog)) yield { type: 'flow', ...flow };
}
