import type { CatalogField, CatalogObjectAttributes } from './catalog-types.ts';
import type { Json } from './json.ts';
import { StoreError } from './store-error.ts';

/**
 * How a describe attribute is checked and read back. name, label and type (and soapType, labelPlural)
 * are required; an attribute missing from a describe (older API versions, simulators) reads as its
 * neutral value (false, 0, null, []), and one of the wrong JSON type rejects the describe.
 */
export type Kind = 'string' | 'string?' | 'int' | 'int?' | 'bool' | 'json' | 'array' | 'string[]';

/** A describe attribute the catalog API shows, and its kind. */
export interface Attribute<K extends string> {
  key: K;
  kind: Kind;
}

const NEUTRAL: Record<Kind, () => unknown> = {
  string: () => null,
  'string?': () => null,
  int: () => 0,
  'int?': () => null,
  bool: () => false,
  json: () => null,
  array: () => [],
  'string[]': () => [],
};

/** The attributes of a stored describe, each as sent or its neutral value when missing. */
export function readAttributes<T>(content: Json, attributes: readonly Attribute<string>[]): T {
  const out: Json = {};
  for (const { key, kind } of attributes) out[key] = content[key] ?? NEUTRAL[kind]();
  return out as T;
}

export const OBJECT_ATTRIBUTES: readonly Attribute<keyof CatalogObjectAttributes>[] = [
  { key: 'name', kind: 'string' },
  { key: 'label', kind: 'string' },
  { key: 'labelPlural', kind: 'string' },
  { key: 'custom', kind: 'bool' },
  { key: 'customSetting', kind: 'bool' },
  { key: 'keyPrefix', kind: 'string?' },
  { key: 'queryable', kind: 'bool' },
  { key: 'createable', kind: 'bool' },
  { key: 'updateable', kind: 'bool' },
  { key: 'deletable', kind: 'bool' },
  { key: 'searchable', kind: 'bool' },
  { key: 'recordTypeInfos', kind: 'array' },
  { key: 'childRelationships', kind: 'array' },
];

/** A listing's line: the object's summary (see summaryOf) with its name. */
export const SUMMARY_ATTRIBUTES: readonly Attribute<string>[] = [
  { key: 'name', kind: 'string' },
  { key: 'label', kind: 'string' },
  { key: 'labelPlural', kind: 'string' },
  { key: 'custom', kind: 'bool' },
  { key: 'keyPrefix', kind: 'string?' },
  { key: 'queryable', kind: 'bool' },
  { key: 'recordTypeCount', kind: 'int' },
];

export const FIELD_ATTRIBUTES: readonly Attribute<keyof CatalogField>[] = [
  { key: 'name', kind: 'string' },
  { key: 'label', kind: 'string' },
  { key: 'type', kind: 'string' },
  { key: 'soapType', kind: 'string' },
  { key: 'length', kind: 'int' },
  { key: 'precision', kind: 'int' },
  { key: 'scale', kind: 'int' },
  { key: 'digits', kind: 'int' },
  { key: 'byteLength', kind: 'int' },
  { key: 'nillable', kind: 'bool' },
  { key: 'unique', kind: 'bool' },
  { key: 'externalId', kind: 'bool' },
  { key: 'idLookup', kind: 'bool' },
  { key: 'calculated', kind: 'bool' },
  { key: 'calculatedFormula', kind: 'string?' },
  { key: 'defaultValue', kind: 'json' },
  { key: 'defaultValueFormula', kind: 'string?' },
  { key: 'inlineHelpText', kind: 'string?' },
  { key: 'referenceTo', kind: 'string[]' },
  { key: 'relationshipName', kind: 'string?' },
  { key: 'relationshipOrder', kind: 'int?' },
  { key: 'cascadeDelete', kind: 'bool' },
  { key: 'picklistValues', kind: 'array' },
  { key: 'controllerName', kind: 'string?' },
  { key: 'dependentPicklist', kind: 'bool' },
  { key: 'restrictedPicklist', kind: 'bool' },
  { key: 'autoNumber', kind: 'bool' },
  { key: 'compoundFieldName', kind: 'string?' },
  { key: 'encrypted', kind: 'bool' },
  { key: 'custom', kind: 'bool' },
  { key: 'deprecatedAndHidden', kind: 'bool' },
];

/** A catalog item as the versioned store keeps it: an object (parent '') or a field (parent: its object). */
export interface CatalogItem {
  kind: 'object' | 'field';
  parent: string;
  name: string;
  /** As Salesforce sent it; an object's describe without its fields array. */
  content: Json;
  /** An object's field names in describe order; null for a field. */
  children: string[] | null;
  /** What an object's line in a listing shows (the attributes of CatalogObjectSummary it has); null for a field. */
  summary: Json | null;
}

/**
 * Checks raw sObject describes and splits them into object and field items. Objects come out
 * sorted by name (later duplicates win) so that concurrent saves lock rows in the same order.
 */
export function checkDescribes(describes: readonly unknown[]): { objects: CatalogItem[]; fields: CatalogItem[] } {
  const byName = new Map<string, Json>();
  describes.forEach((describe, index) => {
    const source = asObject(describe, `describe #${index + 1}`);
    byName.set(read(source, 'name', 'string', `describe #${index + 1}`) as string, source);
  });
  const objects: CatalogItem[] = [];
  const fields: CatalogItem[] = [];
  for (const name of [...byName.keys()].sort()) {
    const { fields: rawFields = [], ...describe } = byName.get(name) as Json;
    check(describe, OBJECT_ATTRIBUTES, name);
    if (!Array.isArray(rawFields)) throw invalid(`${name}.fields is not an array`);
    const seen = new Set<string>();
    rawFields.forEach((rawField, position) => {
      const where = `${name}.fields[${position}]`;
      const field = asObject(rawField, where);
      check(field, FIELD_ATTRIBUTES, where);
      const fieldName = field.name as string;
      if (seen.has(fieldName)) throw invalid(`${name} has two fields named ${fieldName}`);
      seen.add(fieldName);
      fields.push({ kind: 'field', parent: name, name: fieldName, content: field, children: null, summary: null });
    });
    objects.push({
      kind: 'object',
      parent: '',
      name,
      content: describe,
      children: [...seen],
      summary: summaryOf(describe),
    });
  }
  return { objects, fields };
}

function summaryOf(describe: Json): Json {
  const { label, labelPlural, custom, keyPrefix, queryable, recordTypeInfos } = describe;
  const recordTypeCount = Array.isArray(recordTypeInfos) ? recordTypeInfos.length : 0;
  return { label, labelPlural, custom, keyPrefix, queryable, recordTypeCount };
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
