import type { Org } from '../generate-org.ts';
import { fieldDataType } from './field-data-type.ts';
import { rowsTable, soqlDateTime, type QueryTable } from './query-table.ts';

const ENTITY_COLUMNS = [
  'Id',
  'DurableId',
  'QualifiedApiName',
  'DeveloperName',
  'MasterLabel',
  'Label',
  'PluralLabel',
  'Description',
  'KeyPrefix',
  'NamespacePrefix',
  'IsCustomizable',
  'IsQueryable',
  'IsCustomSetting',
  'LastModifiedDate',
  'LastModifiedById',
];

/** EntityDefinition: one row per object, with the generator's descriptions. */
export function entityDefinitionTable(org: Org): QueryTable {
  const rows = org.describeGlobal.sobjects.map((s) => {
    const meta = org.entities.get(s.name);
    return {
      Id: '000000000000000AAA',
      DurableId: meta?.durableId ?? s.name,
      QualifiedApiName: s.name,
      DeveloperName: s.name.replace(/__c$/, ''),
      MasterLabel: s.label,
      Label: s.label,
      PluralLabel: s.labelPlural,
      Description: meta?.description ?? null,
      KeyPrefix: s.keyPrefix,
      NamespacePrefix: meta?.namespacePrefix ?? null,
      IsCustomizable: meta?.isCustomizable ?? false,
      IsQueryable: s.queryable,
      IsCustomSetting: s.customSetting,
      LastModifiedDate: meta ? soqlDateTime(meta.lastModified) : null,
      LastModifiedById: meta?.lastModifiedById ?? null,
    };
  });
  return rowsTable('EntityDefinition', ENTITY_COLUMNS, rows, 'DurableId');
}

const FIELD_COLUMNS = [
  'Id',
  'DurableId',
  'QualifiedApiName',
  'DeveloperName',
  'MasterLabel',
  'Label',
  'DataType',
  'Description',
  'EntityDefinitionId',
  'EntityDefinition.QualifiedApiName',
  'NamespacePrefix',
  'IsNillable',
  'IsCalculated',
  'Length',
  'Precision',
  'Scale',
  'LastModifiedDate',
  'LastModifiedById',
];

/** FieldDefinition: one row per field of every object; queries must filter it by entity. */
export function fieldDefinitionTable(org: Org): QueryTable {
  const rows: Record<string, unknown>[] = [];
  for (const [entity, describe] of org.describes) {
    const meta = org.entities.get(entity);
    for (const f of describe.fields) {
      const fm = meta?.fields.get(f.name);
      rows.push({
        Id: '000000000000000AAA',
        DurableId: fm?.durableId ?? `${entity}.${f.name}`,
        QualifiedApiName: f.name,
        DeveloperName: f.name.replace(/__c$/, ''),
        MasterLabel: f.label,
        Label: f.label,
        DataType: fieldDataType(f),
        Description: fm?.description ?? null,
        EntityDefinitionId: meta?.durableId ?? entity,
        'EntityDefinition.QualifiedApiName': entity,
        NamespacePrefix: fm?.namespacePrefix ?? null,
        IsNillable: f.nillable,
        IsCalculated: f.calculated,
        Length: f.length,
        Precision: f.precision,
        Scale: f.scale,
        LastModifiedDate: fm ? soqlDateTime(fm.lastModified) : null,
        LastModifiedById: fm?.lastModifiedById ?? null,
      });
    }
  }
  return rowsTable('FieldDefinition', FIELD_COLUMNS, rows, 'DurableId');
}
