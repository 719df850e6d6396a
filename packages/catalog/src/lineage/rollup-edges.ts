import { type CatalogIndex, fieldNode, type IndexedField } from './catalog-index.ts';
import { type DependencyRef, referenceOf, resolveDependencyRef } from './dependency-ref.ts';
import type { LineageCollector } from './lineage-collector.ts';
import type { ComponentDependency } from './lineage-types.ts';

// A roll-up summary field is calculated yet has no formula; its inputs are known only from the dependency rows.
const isRollup = (field: IndexedField['field']): boolean =>
  field.calculated === true && (typeof field.calculatedFormula !== 'string' || field.calculatedFormula.trim() === '');

const rowsByRollup = (
  index: CatalogIndex,
  dependencies: readonly ComponentDependency[],
): Map<string, { rollup: IndexedField; rows: ComponentDependency[] }> => {
  const groups = new Map<string, { rollup: IndexedField; rows: ComponentDependency[] }>();
  for (const row of dependencies) {
    if (row?.MetadataComponentType !== 'CustomField') continue;
    const rollup = index.fieldById(row.MetadataComponentId);
    if (rollup === undefined || !isRollup(rollup.field)) continue;
    const node = fieldNode(rollup.object, rollup.field);
    const group = groups.get(node) ?? { rollup, rows: [] };
    group.rows.push(row);
    groups.set(node, group);
  }
  return groups;
};

/**
 * `rollup` edges from MetadataComponentDependency rows of roll-up summary fields: from each summarized field, or,
 * for a COUNT that summarizes no field, from the child object (the object of the master-detail field it names).
 */
export function collectRollupEdges(
  index: CatalogIndex,
  dependencies: readonly ComponentDependency[],
  collector: LineageCollector,
): void {
  for (const [node, { rows }] of rowsByRollup(index, dependencies)) {
    const fields: Extract<DependencyRef, { kind: 'field' }>[] = [];
    const objects: Extract<DependencyRef, { kind: 'object' }>[] = [];
    for (const row of rows) {
      const ref = resolveDependencyRef(index, row);
      if (ref.kind === 'unresolved') collector.warn(node, referenceOf(row), ref.message);
      else if (ref.kind === 'field') fields.push(ref);
      else if (ref.kind === 'object') objects.push(ref);
    }
    const summarized = fields.filter((ref) => ref.field.type?.toLowerCase() !== 'reference');
    for (const { object, field } of summarized) {
      const source = fieldNode(object, field);
      collector.addEdge({ kind: 'rollup', source, target: node, detail: { refType: 'CustomField' } });
    }
    if (summarized.length > 0) continue;
    // A COUNT: the master-detail field on the child names the child; failing that, a row naming the object itself.
    const child = fields[0]?.object ?? objects[0]?.object;
    if (child !== undefined) {
      collector.addEdge({ kind: 'rollup', source: child.name, target: node, detail: { refType: 'CustomObject' } });
    }
  }
}
