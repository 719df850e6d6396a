// The lineage graph: nodes are catalog items, edges point downstream (from what is read to what reads it).

/**
 * A node's id. Objects by API name (`Account`), fields as `Object.Field` (`Account.Industry`), everything else as
 * `kind:SalesforceId` with the 18-character id: `report:00O…`, `dashboard:01Z…`, `apex_class:01p…`,
 * `apex_trigger:01q…`, `flow:301…`.
 */
export type NodeId = string;

export const EDGE_KINDS = [
  // Object → object: a reference field of `target` points at `source` (one edge per referenceTo entry).
  'reference',
  // Field → field: the formula of `target` (calculatedFormula or defaultValueFormula) reads `source`.
  'formula',
  // Field (or, for COUNT, the child object) → roll-up summary field.
  'rollup',
  // Object → report: the report's type or one of its columns reads the object.
  'report_object',
  // Field → report: a column of the report.
  'report_field',
  // Report → dashboard: a component of the dashboard charts the report.
  'dashboard_report',
  // Object → trigger: the trigger fires on the object.
  'trigger_object',
  // Object or field → Apex class, trigger or flow: MetadataComponentDependency says the component references it.
  'dependency',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** What an edge carries beyond its ends. Only the keys that apply to its kind are present. */
export interface EdgeDetail {
  /** reference: the referencing field, `Contact.AccountId`. */
  field?: string;
  /** reference: the field's relationshipName (`Account`, `Parent__r`), null when Salesforce gives none. */
  relationshipName?: string | null;
  /** reference: master-detail when the field has a relationshipOrder, hierarchy when it points at its own object. */
  relationType?: 'lookup' | 'master_detail' | 'hierarchy';
  /** reference: the field's referenceTo lists several objects. */
  polymorphic?: boolean;
  /** formula: which formula of the target field reads the source. */
  origin?: 'calculatedFormula' | 'defaultValueFormula';
  /** formula: the references as written that resolve to the source (`Account.Owner.Email`, `$User.Email`), sorted. */
  paths?: string[];
  /** report_field: the columns as the report describe names them, sorted. */
  columns?: string[];
  /** dependency: MetadataComponentType of the target (ApexClass, ApexTrigger, Flow). */
  componentType?: string;
  /** dependency and rollup: RefMetadataComponentType of the source row (CustomField, CustomObject, StandardEntity). */
  refType?: string;
}

export interface LineageEdge {
  kind: EdgeKind;
  source: NodeId;
  target: NodeId;
  detail: EdgeDetail;
}

/**
 * An edge's identity among the edges of a run: two edges of one kind between the same nodes are told apart by the
 * reference field (reference) or the formula (formula); other kinds have at most one edge per pair.
 */
export function edgeKey(edge: Pick<LineageEdge, 'kind' | 'source' | 'target' | 'detail'>): string {
  const tell =
    edge.kind === 'reference' ? (edge.detail.field ?? '') : edge.kind === 'formula' ? (edge.detail.origin ?? '') : '';
  return `${edge.kind}|${edge.source}|${edge.target}|${tell}`;
}

/** A reference the lineage could not follow: the node that makes it, the reference as written, and why. */
export interface LineageWarning {
  node: NodeId;
  reference: string;
  message: string;
}

// ---- What the lineage is built from (read from a run's catalog) ----

/**
 * A field as lineage sees it. What a plain field lacks (no references, no formula) may be left out rather than set
 * to null, false or []: a big org's hundreds of thousands of plain fields are held at once.
 */
export interface LineageField {
  name: string;
  type: string;
  referenceTo?: readonly string[];
  relationshipName?: string | null;
  relationshipOrder?: number | null;
  calculated?: boolean;
  calculatedFormula?: string | null;
  defaultValueFormula?: string | null;
  /**
   * Tooling's FieldDefinition.DurableId (`01I….00N…` for custom fields, `Account.Name` for standard), or null. Only
   * dependency rows name fields by id: the catalog's reader leaves it null on fields that no row names.
   */
  durableId: string | null;
}

export interface LineageObject {
  name: string;
  /** Tooling's EntityDefinition.DurableId (the 01I… id of a custom object, the name of a standard one), or null. */
  durableId: string | null;
  fields: LineageField[];
}

export interface LineageReport {
  /** 18-character Salesforce id. */
  id: string;
  /** reportMetadata.reportType.type from the describe (`Account`, `CustomEntity$Invoice__c`), null if undescribed. */
  reportType: string | null;
  /** reportMetadata.detailColumns from the describe, as written (`Account.Name`, `ACCOUNT.NAME`). */
  columns: string[];
}

export interface LineageDashboard {
  id: string;
  /** The reportId of each component of the describe (repeats allowed). */
  reportIds: string[];
}

export interface LineageTrigger {
  id: string;
  /** ApexTrigger.TableEnumOrId: the object's name when standard, its CustomObject id (01I…) when custom. */
  tableEnumOrId: string;
}

/** One row of Tooling's MetadataComponentDependency, as Salesforce sends it (without `attributes`). */
export interface ComponentDependency {
  MetadataComponentId: string;
  MetadataComponentName: string;
  MetadataComponentNamespace?: string | null;
  MetadataComponentType: string;
  RefMetadataComponentId: string;
  RefMetadataComponentName: string;
  RefMetadataComponentNamespace?: string | null;
  RefMetadataComponentType: string;
}

export interface LineageInput {
  objects: readonly LineageObject[];
  reports: readonly LineageReport[];
  dashboards: readonly LineageDashboard[];
  triggers: readonly LineageTrigger[];
  dependencies: readonly ComponentDependency[];
}

export interface Lineage {
  edges: LineageEdge[];
  warnings: LineageWarning[];
}
