import type { CatalogField } from '@sfmeta/catalog/catalog-types';

// Salesforce field types to DataHub's standard types: FIELD_TYPE_MAPPING of DataHub's Salesforce source.

const FIELD_TYPE_MAPPING: Readonly<Record<string, string>> = {
  string: 'StringType',
  boolean: 'BooleanType',
  int: 'NumberType',
  integer: 'NumberType',
  long: 'NumberType',
  double: 'NumberType',
  date: 'DateType',
  datetime: 'DateType',
  time: 'DateType',
  id: 'StringType',
  picklist: 'EnumType',
  address: 'RecordType',
  location: 'RecordType',
  reference: 'StringType',
  currency: 'NumberType',
  textarea: 'StringType',
  percent: 'NumberType',
  phone: 'StringType',
  url: 'StringType',
  email: 'StringType',
  combobox: 'StringType',
  multipicklist: 'StringType',
  base64: 'BytesType',
  anyType: 'NullType',
  encryptedstring: 'StringType',
};

/** DataHub's SchemaFieldDataType of a Salesforce type, union branch named as in its JSON (NullType if unmapped). */
export function datahubFieldType(salesforceType: string): { type: Record<string, Record<string, never>> } {
  return { type: { [`com.linkedin.schema.${FIELD_TYPE_MAPPING[salesforceType] ?? 'NullType'}`]: {} } };
}

/** Compound fields (address, location) are left out, as DataHub's source does: their components are fields too. */
export function isCompoundField(field: Pick<CatalogField, 'type'>): boolean {
  return field.type === 'address' || field.type === 'location';
}

/** Markdown would read a leading `#` as a heading: DataHub's source escapes it. */
const escaped = (text: string) => (text.startsWith('#') ? `\\${text}` : text);

/** The field description DataHub's source builds: label, then description, then inline help, blank-line separated. */
export function datahubFieldDescription(field: Pick<CatalogField, 'label' | 'description' | 'inlineHelpText'>): string {
  const parts = [field.label ? escaped(field.label) : ''];
  for (const text of [field.description, field.inlineHelpText]) if (text) parts.push(escaped(text));
  return parts.join('\n\n');
}
