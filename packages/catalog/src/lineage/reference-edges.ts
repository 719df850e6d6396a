import type { CatalogIndex } from './catalog-index.ts';
import type { LineageCollector } from './lineage-collector.ts';
import type { EdgeDetail } from './lineage-types.ts';

const relationTypeOf = (
  relationshipOrder: number | null | undefined,
  target: string,
  owner: string,
): NonNullable<EdgeDetail['relationType']> => {
  if (relationshipOrder !== null && relationshipOrder !== undefined) return 'master_detail';
  return target.toLowerCase() === owner.toLowerCase() ? 'hierarchy' : 'lookup';
};

/**
 * `reference` edges: for each reference field, one edge per object of its referenceTo, from that object (even one
 * outside the catalog) to the field's object.
 */
export function collectReferenceEdges(index: CatalogIndex, collector: LineageCollector): void {
  for (const { object, fieldsByName } of index.objects) {
    for (const field of fieldsByName.values()) {
      if (field.type?.toLowerCase() !== 'reference' || !Array.isArray(field.referenceTo)) continue;
      const polymorphic = field.referenceTo.length > 1;
      for (const target of field.referenceTo) {
        if (typeof target !== 'string' || target === '') continue;
        collector.addEdge({
          kind: 'reference',
          source: index.object(target)?.object.name ?? target,
          target: object.name,
          detail: {
            field: `${object.name}.${field.name}`,
            relationshipName: field.relationshipName ?? null,
            relationType: relationTypeOf(field.relationshipOrder, target, object.name),
            polymorphic,
          },
        });
      }
    }
  }
}
