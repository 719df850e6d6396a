import type { Org } from '../generate-org.ts';
import { createPrng, deriveSeed } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';
import { APEX_SUFFIXES, OBJECT_NOUNS } from '../org/word-lists.ts';
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
      NamespacePrefix: null,
      IsCustomizable: meta?.isCustomizable ?? false,
      IsQueryable: s.queryable,
      IsCustomSetting: s.customSetting,
      LastModifiedDate: meta ? soqlDateTime(meta.lastModified) : null,
      LastModifiedById: org.userId,
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
        NamespacePrefix: null,
        IsNillable: f.nillable,
        IsCalculated: f.calculated,
        Length: f.length,
        Precision: f.precision,
        Scale: f.scale,
        LastModifiedDate: fm ? soqlDateTime(fm.lastModified) : null,
        LastModifiedById: org.userId,
      });
    }
  }
  return rowsTable('FieldDefinition', FIELD_COLUMNS, rows, 'DurableId');
}

const APEX_COLUMNS = [
  'Id',
  'Name',
  'NamespacePrefix',
  'ApiVersion',
  'Status',
  'LengthWithoutComments',
  'IsValid',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
];

/** ApexClass: a few dozen classes named after the org's objects, some from a managed package. */
export function apexClassTable(org: Org): QueryTable {
  const prng = createPrng(deriveSeed(org.spec.seed, 'apex'));
  const count = prng.int(25, 60);
  const used = new Set<string>();
  const rows = Array.from({ length: count }, (_, i) => {
    let name = `${prng.pick(OBJECT_NOUNS)[0].replace(/ /g, '')}${prng.pick(APEX_SUFFIXES)}`;
    if (used.has(name)) name = `${name}${i}`;
    used.add(name);
    const modified = soqlDateTime(new Date(org.lastModified.getTime() - prng.int(0, 900) * 86_400_000));
    return {
      Id: recordId('01p', i),
      Name: name,
      NamespacePrefix: prng.chance(0.15) ? 'fflib' : null,
      ApiVersion: prng.int(45, 62),
      Status: prng.chance(0.95) ? 'Active' : 'Deleted',
      LengthWithoutComments: prng.int(120, 24000),
      IsValid: true,
      CreatedDate: modified,
      CreatedById: org.userId,
      LastModifiedDate: modified,
      LastModifiedById: org.userId,
    };
  });
  return rowsTable('ApexClass', APEX_COLUMNS, rows, 'Id');
}
