import type { CatalogIndex } from './catalog-index.ts';
import type { LineageCollector } from './lineage-collector.ts';
import type { LineageTrigger } from './lineage-types.ts';

/** `trigger_object` edges: from the object a trigger fires on (named, or a custom object's 01I id) to the trigger. */
export function collectTriggerEdges(
  index: CatalogIndex,
  triggers: readonly LineageTrigger[],
  collector: LineageCollector,
): void {
  for (const trigger of triggers) {
    if (typeof trigger?.id !== 'string' || trigger.id === '') continue;
    const node = `apex_trigger:${trigger.id}`;
    const table = typeof trigger.tableEnumOrId === 'string' ? trigger.tableEnumOrId : '';
    const found = index.object(table) ?? index.objectById(table);
    if (found === undefined) {
      collector.warn(node, table, `the trigger's object ${table === '' ? '(none)' : table} is not in the catalog`);
      continue;
    }
    collector.addEdge({ kind: 'trigger_object', source: found.object.name, target: node, detail: {} });
  }
}
