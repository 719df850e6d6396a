import type { CatalogField, CatalogObject } from '@sfmeta/catalog/catalog-types';
import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';
import { datahubFieldDescription, datahubFieldType, isCompoundField } from './datahub-field-types.ts';
import { upstreamLineageAspect } from './datahub-lineage.ts';
import {
  auditStamp,
  type MetadataChangeProposal,
  mcp,
  millisOf,
  ownershipMcps,
  platformInstanceMcps,
  properties,
} from './datahub-mcp.ts';
import { DATAHUB_PLATFORM_URN, datasetUrn, schemaFieldUrn, type UrnScope } from './datahub-urns.ts';

// An sObject as a DataHub dataset, with the aspects DataHub's Salesforce source writes plus owners and lineage.

/** The MCPs of one object: properties, schema, sub-type, platform instance, ownership, upstream lineage. */
export function datasetMcps(
  object: CatalogObject,
  upstream: readonly LineageEdge[],
  scope: UrnScope,
  exportedAt: number,
): MetadataChangeProposal[] {
  const urn = datasetUrn(object.name, scope);
  const lineage = upstreamLineageAspect(object.name, upstream, scope, exportedAt);
  return [
    mcp('dataset', urn, 'datasetProperties', datasetProperties(object)),
    mcp('dataset', urn, 'schemaMetadata', schemaMetadata(object, urn, scope)),
    mcp('dataset', urn, 'subTypes', { typeNames: [object.name.endsWith('__c') ? 'Custom Object' : 'Object'] }),
    ...platformInstanceMcps('dataset', urn, scope),
    ...ownershipMcps('dataset', urn, [
      { user: object.createdBy, type: 'TECHNICAL_OWNER' },
      { user: object.lastModifiedBy, type: 'TECHNICAL_OWNER' },
    ]),
    ...(lineage ? [mcp('dataset', urn, 'upstreamLineage', lineage)] : []),
  ];
}

/** Name is the label and the property names are DataHub's source's where the two overlap. */
function datasetProperties(object: CatalogObject): Record<string, unknown> {
  return {
    customProperties: properties({
      'Qualified API Name': object.name,
      Label: object.label,
      'Plural Label': object.labelPlural,
      'Manageable State': object.manageableState,
      Namespace: object.namespace,
      'Key Prefix': object.keyPrefix,
      'Custom Setting': object.customSetting || null,
      'Record Count': object.recordCount,
    }),
    name: object.label,
    ...(object.description ? { description: object.description } : {}),
    ...(object.url ? { externalUrl: object.url } : {}),
  };
}

function schemaMetadata(object: CatalogObject, urn: string, scope: UrnScope): Record<string, unknown> {
  const fields = object.fields.filter((field) => !isCompoundField(field));
  const foreignKeys = fields.flatMap((field) => (field.type === 'reference' ? foreignKeysOf(field, urn, scope) : []));
  const created = millisOf(object.createdDate);
  return {
    schemaName: '',
    platform: DATAHUB_PLATFORM_URN,
    version: 0,
    ...(created === null ? {} : { created: auditStamp(created, object.createdBy) }),
    hash: '',
    platformSchema: { 'com.linkedin.schema.OtherSchema': { rawSchema: '' } },
    fields: fields.map(schemaField),
    primaryKeys: fields.filter((field) => field.type === 'id').map((field) => field.name),
    ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
  };
}

/** A field as DataHub's source writes it, except nativeDataType: the API type, as the catalog has no UI type. */
function schemaField(field: CatalogField): Record<string, unknown> {
  const created = millisOf(field.createdDate);
  const modified = millisOf(field.lastModifiedDate);
  return {
    fieldPath: field.name,
    nullable: field.nillable,
    description: datahubFieldDescription(field),
    ...(created === null ? {} : { created: auditStamp(created, field.createdBy) }),
    ...(modified === null ? {} : { lastModified: auditStamp(modified, field.lastModifiedBy) }),
    type: datahubFieldType(field.type),
    nativeDataType: field.type,
    recursive: false,
    isPartOfKey: false,
    jsonProps: field.unique ? '{"IsUnique": true}' : '{}',
  };
}

/** One foreign key per object a reference field points at, to that object's Id, as DataHub's source builds them. */
function foreignKeysOf(field: CatalogField, urn: string, scope: UrnScope) {
  return field.referenceTo.map((target) => {
    const foreignDataset = datasetUrn(target, scope);
    return {
      name: field.relationshipName ?? '',
      foreignFields: [schemaFieldUrn(foreignDataset, 'Id')],
      sourceFields: [schemaFieldUrn(urn, field.name)],
      foreignDataset,
    };
  });
}
