import type { Org } from '../generate-org.ts';
import { componentDependencies } from './component-dependencies.ts';
import { FormulaSchema, resolvePath } from './formula-paths.ts';
import { EDGE_KINDS, type EdgeDetail, type EdgeKind, edgeKey, type LineageEdge, type NodeId } from './lineage-edge.ts';

/** The lineage the generator planted in an org: what a crawler's lineage must find, edge for edge. */
export interface PlantedLineage {
  edges: LineageEdge[];
}

/** Collects edges, merging the paths and columns of edges with the same key. */
class EdgeSet {
  private readonly byKey = new Map<string, LineageEdge>();

  add(kind: EdgeKind, source: NodeId, target: NodeId, detail: EdgeDetail = {}): void {
    const edge = { kind, source, target, detail };
    const key = edgeKey(edge);
    const known = this.byKey.get(key);
    if (!known) {
      this.byKey.set(key, { ...edge, detail: { ...detail } });
      return;
    }
    for (const list of ['paths', 'columns'] as const) {
      const more = detail[list];
      if (more) known.detail[list] = [...new Set([...(known.detail[list] ?? []), ...more])];
    }
  }

  /** The edges by kind (in EDGE_KINDS order), source, target and key; paths and columns sorted. */
  sorted(): LineageEdge[] {
    const order = (kind: EdgeKind) => EDGE_KINDS.indexOf(kind);
    const entries = [...this.byKey].sort(
      ([ka, a], [kb, b]) => order(a.kind) - order(b.kind) || (ka < kb ? -1 : ka > kb ? 1 : 0),
    );
    return entries.map(([, edge]) => {
      const detail = { ...edge.detail };
      if (detail.paths) detail.paths = [...detail.paths].sort();
      if (detail.columns) detail.columns = [...detail.columns].sort();
      return { ...edge, detail };
    });
  }
}

/** Reference edges: one per referenceTo entry of every reference field of every object. */
function references(org: Org, edges: EdgeSet): void {
  for (const [object, describe] of org.describes) {
    for (const f of describe.fields) {
      if (f.type !== 'reference') continue;
      for (const target of f.referenceTo) {
        edges.add('reference', target, object, {
          field: `${object}.${f.name}`,
          relationshipName: f.relationshipName,
          relationType: f.relationshipOrder !== null ? 'master_detail' : target === object ? 'hierarchy' : 'lookup',
          polymorphic: f.referenceTo.length > 1,
        });
      }
    }
  }
}

/** Formula edges from the recorded paths, each followed again through the objects as they are now. */
function formulas(org: Org, edges: EdgeSet): void {
  const schema = new FormulaSchema(org.describes.values());
  for (const formula of org.formulas) {
    if (!schema.field(formula.object, formula.field)) continue;
    for (const path of formula.paths) {
      const resolved = resolvePath(schema, formula.object, path);
      if (!resolved) continue;
      edges.add('formula', resolved.source, `${formula.object}.${formula.field}`, {
        origin: formula.origin,
        paths: [path],
      });
    }
  }
}

/** Roll-up edges: the summarized field, or for COUNT the detail object, into the roll-up field. */
function rollups(org: Org, edges: EdgeSet): void {
  const has = (object: string, field: string) => org.describes.get(object)?.fields.some((f) => f.name === field);
  for (const r of org.rollups) {
    if (!has(r.master, r.field) || !has(r.detail, r.relationshipField)) continue;
    const target = `${r.master}.${r.field}`;
    if (r.summarized === null) edges.add('rollup', r.detail, target, { refType: 'CustomObject' });
    else if (has(r.detail, r.summarized))
      edges.add('rollup', `${r.detail}.${r.summarized}`, target, { refType: 'CustomField' });
  }
}

/** Report, dashboard and trigger edges, from the reports' types and columns, components and triggers' objects. */
function setup(org: Org, edges: EdgeSet): void {
  for (const report of org.reports) {
    const target = `report:${report.id}`;
    edges.add('report_object', report.reportType.replace(/^CustomEntity\$/, ''), target);
    for (const column of report.detailColumns) {
      edges.add('report_object', column.slice(0, column.indexOf('.')), target);
      edges.add('report_field', column, target, { columns: [column] });
    }
  }
  for (const dashboard of org.dashboards) {
    for (const c of dashboard.components)
      edges.add('dashboard_report', `report:${c.reportId}`, `dashboard:${dashboard.id}`);
  }
  for (const trigger of org.apexTriggers) edges.add('trigger_object', trigger.object, `apex_trigger:${trigger.id}`);
}

/**
 * The lineage planted in the org, built from what the generator recorded (the references each formula was written
 * with, the roll-ups, the reports' types and columns, dashboards' components, triggers' objects and Apex, trigger
 * and flow dependencies), never by reading formulas back. It follows the catalog's edge model rule for rule, and
 * stays true after mutations: what they removed no longer resolves and plants nothing.
 */
export function plantedLineage(org: Org): PlantedLineage {
  const edges = new EdgeSet();
  references(org, edges);
  formulas(org, edges);
  rollups(org, edges);
  setup(org, edges);
  for (const { row, source, target } of componentDependencies(org)) {
    if (source === null || target === null) continue;
    edges.add('dependency', source, target, {
      componentType: row.MetadataComponentType,
      refType: row.RefMetadataComponentType,
    });
  }
  return { edges: edges.sorted() };
}
