// The simulator's copy of the lineage edge model (packages/catalog/src/lineage/lineage-types.ts): the simulator stays
// independent of the catalog, and its planted lineage must follow the same rules.

/** Objects by API name, fields as `Object.Field`, everything else as `kind:SalesforceId`. */
export type NodeId = string;

/** The kinds of edge, in the catalog's order. */
export const EDGE_KINDS = [
  'reference',
  'formula',
  'rollup',
  'report_object',
  'report_field',
  'dashboard_report',
  'trigger_object',
  'dependency',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** What an edge carries beyond its ends; only the keys that apply to its kind are present. */
export interface EdgeDetail {
  field?: string;
  relationshipName?: string | null;
  relationType?: 'lookup' | 'master_detail' | 'hierarchy';
  polymorphic?: boolean;
  origin?: 'calculatedFormula' | 'defaultValueFormula';
  paths?: string[];
  columns?: string[];
  componentType?: string;
  refType?: string;
}

/** An edge from what is read (`source`) to what reads it (`target`). */
export interface LineageEdge {
  kind: EdgeKind;
  source: NodeId;
  target: NodeId;
  detail: EdgeDetail;
}

/** An edge's identity: kind and ends, told apart by the reference field (reference) or the formula (formula). */
export function edgeKey(edge: Pick<LineageEdge, 'kind' | 'source' | 'target' | 'detail'>): string {
  const tell =
    edge.kind === 'reference' ? (edge.detail.field ?? '') : edge.kind === 'formula' ? (edge.detail.origin ?? '') : '';
  return `${edge.kind}|${edge.source}|${edge.target}|${tell}`;
}

/** One row of Tooling's MetadataComponentDependency, as Salesforce sends it (without `attributes`). */
export interface ComponentDependency {
  MetadataComponentId: string;
  MetadataComponentName: string;
  MetadataComponentNamespace: string | null;
  MetadataComponentType: string;
  RefMetadataComponentId: string;
  RefMetadataComponentName: string;
  RefMetadataComponentNamespace: string | null;
  RefMetadataComponentType: string;
}
