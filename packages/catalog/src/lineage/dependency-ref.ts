import type { CatalogIndex } from './catalog-index.ts';
import type { ComponentDependency, LineageField, LineageObject } from './lineage-types.ts';

/** What the referenced side of a MetadataComponentDependency row is in the catalog. */
export type DependencyRef =
  | { kind: 'field'; object: LineageObject; field: LineageField }
  | { kind: 'object'; object: LineageObject }
  | { kind: 'unresolved'; message: string }
  | { kind: 'other' };

/**
 * Resolves a row's RefMetadataComponent: a CustomField by its 00N id, a CustomObject by its 01I id, a
 * StandardEntity by its name. Other types (ApexClass, ApexPage…) are `other`.
 */
export function resolveDependencyRef(index: CatalogIndex, row: ComponentDependency): DependencyRef {
  const id = row.RefMetadataComponentId;
  switch (row.RefMetadataComponentType) {
    case 'CustomField': {
      const found = index.fieldById(id);
      return found === undefined
        ? { kind: 'unresolved', message: `no field of the catalog has the id ${id}` }
        : { kind: 'field', ...found };
    }
    case 'CustomObject': {
      const found = index.objectById(id);
      return found === undefined
        ? { kind: 'unresolved', message: `no object of the catalog has the id ${id}` }
        : { kind: 'object', object: found.object };
    }
    case 'StandardEntity': {
      const found = index.object(row.RefMetadataComponentName);
      return found === undefined
        ? { kind: 'unresolved', message: `${row.RefMetadataComponentName} is not in the catalog` }
        : { kind: 'object', object: found.object };
    }
    default:
      return { kind: 'other' };
  }
}

/** How a warning names a row's referenced component: its name, or its id when it has none. */
export const referenceOf = (row: ComponentDependency): string =>
  typeof row.RefMetadataComponentName === 'string' && row.RefMetadataComponentName !== ''
    ? row.RefMetadataComponentName
    : String(row.RefMetadataComponentId ?? '');
