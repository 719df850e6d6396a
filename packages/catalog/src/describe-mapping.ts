import type { CatalogField, CatalogObjectAttributes } from './catalog-types.ts';
import { StoreError } from './store-error.ts';

/**
 * How a describe attribute is checked and stored. name, label and type (and soapType, labelPlural)
 * are required; an attribute missing from a describe (older API versions, simulators) is stored
 * as its neutral value (false, 0, null, []), and one of the wrong JSON type rejects the describe.
 */
export type Kind = 'string' | 'string?' | 'int' | 'int?' | 'bool' | 'json' | 'array' | 'string[]';

/** A describe attribute and the column that stores it. */
export interface Attribute<K extends string> {
  key: K;
  column: string;
  kind: Kind;
}

const SQL_TYPES: Record<Kind, string> = {
  string: 'text',
  'string?': 'text',
  int: 'integer',
  'int?': 'integer',
  bool: 'boolean',
  json: 'jsonb',
  array: 'jsonb',
  'string[]': 'text[]',
};

const SQL_DEFAULTS: Partial<Record<Kind, string>> = {
  int: '0',
  bool: 'false',
  array: `'[]'::jsonb`,
  'string[]': `'{}'::text[]`,
};

/** The record definition for jsonb_to_record, e.g. `"soapType" text, "length" integer`. */
export function recordDefinition(attributes: readonly Attribute<string>[]): string {
  return attributes.map((a) => `"${a.key}" ${SQL_TYPES[a.kind]}`).join(', ');
}

/** The value to store for an attribute read by jsonb_to_record under `alias`, neutral when missing. */
export function storedValue(alias: string, attribute: Attribute<string>): string {
  const value = `${alias}."${attribute.key}"`;
  const fallback = SQL_DEFAULTS[attribute.kind];
  return fallback ? `coalesce(${value}, ${fallback})` : value;
}

export const OBJECT_ATTRIBUTES: readonly Attribute<keyof CatalogObjectAttributes>[] = [
  { key: 'name', column: 'name', kind: 'string' },
  { key: 'label', column: 'label', kind: 'string' },
  { key: 'labelPlural', column: 'label_plural', kind: 'string' },
  { key: 'custom', column: 'custom', kind: 'bool' },
  { key: 'customSetting', column: 'custom_setting', kind: 'bool' },
  { key: 'keyPrefix', column: 'key_prefix', kind: 'string?' },
  { key: 'queryable', column: 'queryable', kind: 'bool' },
  { key: 'createable', column: 'createable', kind: 'bool' },
  { key: 'updateable', column: 'updateable', kind: 'bool' },
  { key: 'deletable', column: 'deletable', kind: 'bool' },
  { key: 'searchable', column: 'searchable', kind: 'bool' },
  { key: 'recordTypeInfos', column: 'record_type_infos', kind: 'array' },
  { key: 'childRelationships', column: 'child_relationships', kind: 'array' },
];

export const FIELD_ATTRIBUTES: readonly Attribute<keyof CatalogField>[] = [
  { key: 'name', column: 'name', kind: 'string' },
  { key: 'label', column: 'label', kind: 'string' },
  { key: 'type', column: 'type', kind: 'string' },
  { key: 'soapType', column: 'soap_type', kind: 'string' },
  { key: 'length', column: 'length', kind: 'int' },
  { key: 'precision', column: 'precision', kind: 'int' },
  { key: 'scale', column: 'scale', kind: 'int' },
  { key: 'digits', column: 'digits', kind: 'int' },
  { key: 'byteLength', column: 'byte_length', kind: 'int' },
  { key: 'nillable', column: 'nillable', kind: 'bool' },
  { key: 'unique', column: '"unique"', kind: 'bool' },
  { key: 'externalId', column: 'external_id', kind: 'bool' },
  { key: 'idLookup', column: 'id_lookup', kind: 'bool' },
  { key: 'calculated', column: 'calculated', kind: 'bool' },
  { key: 'calculatedFormula', column: 'calculated_formula', kind: 'string?' },
  { key: 'defaultValue', column: 'default_value', kind: 'json' },
  { key: 'defaultValueFormula', column: 'default_value_formula', kind: 'string?' },
  { key: 'inlineHelpText', column: 'inline_help_text', kind: 'string?' },
  { key: 'referenceTo', column: 'reference_to', kind: 'string[]' },
  { key: 'relationshipName', column: 'relationship_name', kind: 'string?' },
  { key: 'relationshipOrder', column: 'relationship_order', kind: 'int?' },
  { key: 'cascadeDelete', column: 'cascade_delete', kind: 'bool' },
  { key: 'picklistValues', column: 'picklist_values', kind: 'array' },
  { key: 'controllerName', column: 'controller_name', kind: 'string?' },
  { key: 'dependentPicklist', column: 'dependent_picklist', kind: 'bool' },
  { key: 'restrictedPicklist', column: 'restricted_picklist', kind: 'bool' },
  { key: 'autoNumber', column: 'auto_number', kind: 'bool' },
  { key: 'compoundFieldName', column: 'compound_field_name', kind: 'string?' },
  { key: 'encrypted', column: 'encrypted', kind: 'bool' },
  { key: 'custom', column: 'custom', kind: 'bool' },
  { key: 'deprecatedAndHidden', column: 'deprecated_and_hidden', kind: 'bool' },
];

type Json = Record<string, unknown>;

/** A checked object for catalog_objects: its name and raw describe without the fields array. */
export interface ObjectRow {
  name: string;
  describe: Json;
}

/** A checked field for catalog_fields: its object, its place in the describe and its raw JSON. */
export interface FieldRow {
  objectName: string;
  position: number;
  name: string;
  describe: Json;
}

/**
 * Checks raw sObject describes and splits them into object and field rows. Only raw JSON goes to
 * the database, which extracts the typed columns itself, so nothing is sent twice. Objects come
 * out sorted by name (later duplicates win) so that concurrent saves lock rows in the same order.
 */
export function checkDescribes(describes: readonly unknown[]): { objects: ObjectRow[]; fields: FieldRow[] } {
  const byName = new Map<string, Json>();
  describes.forEach((describe, index) => {
    const source = asObject(describe, `describe #${index + 1}`);
    byName.set(read(source, 'name', 'string', `describe #${index + 1}`) as string, source);
  });
  const objects: ObjectRow[] = [];
  const fields: FieldRow[] = [];
  for (const name of [...byName.keys()].sort()) {
    const { fields: rawFields = [], ...describe } = byName.get(name) as Json;
    check(describe, OBJECT_ATTRIBUTES, name);
    objects.push({ name, describe });
    if (!Array.isArray(rawFields)) throw invalid(`${name}.fields is not an array`);
    const seen = new Set<string>();
    rawFields.forEach((rawField, position) => {
      const where = `${name}.fields[${position}]`;
      const field = asObject(rawField, where);
      check(field, FIELD_ATTRIBUTES, where);
      const fieldName = field.name as string;
      if (seen.has(fieldName)) throw invalid(`${name} has two fields named ${fieldName}`);
      seen.add(fieldName);
      fields.push({ objectName: name, position, name: fieldName, describe: field });
    });
  }
  return { objects, fields };
}

function check(source: Json, attributes: readonly Attribute<string>[], where: string): void {
  for (const { key, kind } of attributes) read(source, key, kind, where);
}

/** Returns the attribute after checking it has the JSON type its column needs. */
function read(source: Json, key: string, kind: Kind, where: string): unknown {
  const value = source[key];
  if (value == null) {
    if (kind === 'string') throw invalid(`${where}.${key} is missing`);
    return value;
  }
  const ok = (() => {
    switch (kind) {
      case 'string':
      case 'string?':
        return typeof value === 'string';
      case 'int':
      case 'int?':
        // The columns are PostgreSQL integers.
        return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1;
      case 'bool':
        return typeof value === 'boolean';
      case 'json':
        return true;
      case 'array':
        return Array.isArray(value);
      case 'string[]':
        return Array.isArray(value) && value.every((item) => typeof item === 'string');
    }
  })();
  if (!ok) throw invalid(`${where}.${key} should be ${kind}, got ${JSON.stringify(value).slice(0, 80)}`);
  return value;
}

function asObject(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${where} is not a JSON object`);
  return value as Json;
}

function invalid(message: string): StoreError {
  return new StoreError('INVALID_DESCRIBE', `invalid sObject describe: ${message}`);
}
