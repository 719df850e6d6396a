import type { CatalogObject } from '@sfmeta/catalog/catalog-types';
import type { ApexClassView, ApexTriggerView, DashboardView, ReportView } from '@sfmeta/catalog/item-views';
import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';

// What an export is made from: one record per catalog item of a run, each with the lineage edges that point at it.

/** Where an export comes from and how its identifiers are built. */
export interface ExportContext {
  connectionId: string;
  runId: string;
  /** The Salesforce org id (00D…), null when the connection has not said. */
  orgId: string | null;
  instanceUrl: string | null;
  /** Host of the org, e.g. acme.my.salesforce.com: the OpenLineage namespace is `salesforce://<host>`. */
  host: string;
  /** ISO timestamp of the export: the OpenLineage eventTime, and the time of DataHub audit stamps without a date. */
  exportedAt: string;
  /** DataHub environment (fabric) of the dataset URNs, 'PROD' unless the caller says otherwise. */
  env: string;
  /** DataHub platform instance, prefixed to every dataset name as DataHub's Salesforce source does; null for none. */
  platformInstance: string | null;
}

/**
 * One catalog item with its upstream edges: the edges whose target is the item (or, for an object, one of its
 * fields). Every edge of a run belongs to exactly one record, its target's.
 */
export type ExportRecord =
  | { type: 'object'; object: CatalogObject; upstream: LineageEdge[] }
  | { type: 'report'; report: ReportView; upstream: LineageEdge[] }
  | { type: 'dashboard'; dashboard: DashboardView; upstream: LineageEdge[] }
  | { type: 'apex_class'; apexClass: ApexClassView; upstream: LineageEdge[] }
  | { type: 'apex_trigger'; apexTrigger: ApexTriggerView; upstream: LineageEdge[] }
  /** A flow known only from MetadataComponentDependency rows: its id (301…) and its name when a row gave one. */
  | { type: 'flow'; id: string; name: string | null; upstream: LineageEdge[] };

export type ExportRecordType = ExportRecord['type'];
