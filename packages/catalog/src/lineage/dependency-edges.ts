import { type CatalogIndex, fieldNode } from './catalog-index.ts';
import { referenceOf, resolveDependencyRef } from './dependency-ref.ts';
import type { LineageCollector } from './lineage-collector.ts';
import type { ComponentDependency } from './lineage-types.ts';

// The components whose dependencies become edges, and the node kind of each.
const COMPONENT_KINDS: Readonly<Record<string, string>> = {
  ApexClass: 'apex_class',
  ApexTrigger: 'apex_trigger',
  Flow: 'flow',
};

/**
 * `dependency` edges: from each field or object an Apex class, trigger or flow references (per
 * MetadataComponentDependency) to that component. References to other components are left out.
 */
export function collectDependencyEdges(
  index: CatalogIndex,
  dependencies: readonly ComponentDependency[],
  collector: LineageCollector,
): void {
  for (const row of dependencies) {
    const kind = Object.hasOwn(COMPONENT_KINDS, row?.MetadataComponentType)
      ? COMPONENT_KINDS[row.MetadataComponentType]
      : undefined;
    if (kind === undefined || typeof row.MetadataComponentId !== 'string' || row.MetadataComponentId === '') continue;
    const node = `${kind}:${row.MetadataComponentId}`;
    const ref = resolveDependencyRef(index, row);
    if (ref.kind === 'other') continue;
    if (ref.kind === 'unresolved') {
      collector.warn(node, referenceOf(row), ref.message);
      continue;
    }
    collector.addEdge({
      kind: 'dependency',
      source: ref.kind === 'field' ? fieldNode(ref.object, ref.field) : ref.object.name,
      target: node,
      detail: { componentType: row.MetadataComponentType, refType: row.RefMetadataComponentType },
    });
  }
}
