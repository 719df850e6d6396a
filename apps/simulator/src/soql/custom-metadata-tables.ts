import type { Org } from '../generate-org.ts';
import type { ComponentFacts } from '../org/entity-metadata.ts';
import { type QueryTable, rowsTable, soqlDateTime } from './query-table.ts';

/** The columns CustomObject and CustomField share: package and audit. */
function componentColumns(facts: ComponentFacts, lastModified: Date): Record<string, unknown> {
  return {
    NamespacePrefix: facts.namespacePrefix,
    ManageableState: facts.manageableState,
    CreatedDate: soqlDateTime(facts.createdDate),
    CreatedById: facts.createdById,
    LastModifiedDate: soqlDateTime(lastModified),
    LastModifiedById: facts.lastModifiedById,
  };
}

const AUDIT = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById'];
const CUSTOM_OBJECT_COLUMNS = ['Id', 'DeveloperName', 'NamespacePrefix', 'ManageableState', 'Description', ...AUDIT];

/** CustomObject: one row per custom object (`__c`), its Id the object's EntityDefinition.DurableId ('01I...'). */
export function customObjectTable(org: Org): QueryTable {
  const rows: Record<string, unknown>[] = [];
  for (const [name, entity] of org.entities) {
    if (!name.endsWith('__c') || !entity.isCustomizable) continue;
    rows.push({
      Id: entity.durableId,
      DeveloperName: name.slice(0, -3),
      Description: entity.description,
      ...componentColumns(entity, entity.lastModified),
    });
  }
  return rowsTable('CustomObject', CUSTOM_OBJECT_COLUMNS, rows, 'Id');
}

const CUSTOM_FIELD_COLUMNS = [
  'Id',
  'DeveloperName',
  'TableEnumOrId',
  'EntityDefinitionId',
  'NamespacePrefix',
  'ManageableState',
  'Description',
  ...AUDIT,
];

/**
 * CustomField: one row per custom field of an object an admin can change. Its Id ('00N...') is the last part of
 * the field's FieldDefinition.DurableId; TableEnumOrId is its object's durable id (CustomObject id or name).
 */
export function customFieldTable(org: Org): QueryTable {
  const rows: Record<string, unknown>[] = [];
  for (const entity of org.entities.values()) {
    if (!entity.isCustomizable) continue;
    for (const [fieldName, field] of entity.fields) {
      const id = field.durableId.slice(field.durableId.lastIndexOf('.') + 1);
      if (!id.startsWith('00N')) continue;
      rows.push({
        Id: id,
        DeveloperName: fieldName.replace(/__c$/, ''),
        TableEnumOrId: entity.durableId,
        EntityDefinitionId: entity.durableId,
        Description: field.description,
        ...componentColumns(field, field.lastModified),
      });
    }
  }
  return rowsTable('CustomField', CUSTOM_FIELD_COLUMNS, rows, 'Id');
}
