import { type Kind, problemOf, readValue } from './attribute-values.ts';
import type { CatalogField, CatalogObjectAttributes } from './catalog-types.ts';
import type { Json } from './json.ts';
import { toolingOf } from './setup-attributes.ts';
import { StoreError } from './store-error.ts';

/** A describe attribute the catalog types, and its kind; every other attribute passes through as sent. */
export interface Attribute<K extends string> {
  key: K;
  kind: Kind;
}

/** Something odd in what Salesforce sent: stored as sent, read as well as it could be. */
export interface DescribeWarning {
  object: string;
  /** The field, for a field's attribute; null for the object's own. */
  field: string | null;
  attribute: string;
  problem: string;
}

/**
 * A stored describe as the API shows it: every attribute as sent, with the typed ones read for
 * their kind (a number sent as a string becomes the number; what cannot be read, its neutral value).
 */
export function readAttributes<T>(content: Json, attributes: readonly Attribute<string>[]): T {
  const out: Json = { ...content };
  for (const { key, kind } of attributes) out[key] = readValue(content[key], kind).value;
  return out as T;
}

/** Only the typed attributes of a stored describe (for compact views such as listings). */
export function readTypedAttributes<T>(content: Json, attributes: readonly Attribute<string>[]): T {
  const out: Json = {};
  for (const { key, kind } of attributes) out[key] = readValue(content[key], kind).value;
  return out as T;
}

/** Field types Salesforce documents for describes; another is stored as sent, with a warning. */
const FIELD_TYPES = new Set([
  'address',
  'anyType',
  'base64',
  'boolean',
  'combobox',
  'complexvalue',
  'currency',
  'datacategorygroupreference',
  'date',
  'datetime',
  'double',
  'email',
  'encryptedstring',
  'id',
  'int',
  'json',
  'location',
  'long',
  'multipicklist',
  'percent',
  'phone',
  'picklist',
  'reference',
  'string',
  'textarea',
  'time',
  'url',
]);

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

/** A listing's line: the object's summary (see summaryOf) with its name; Tooling's keys are read apart. */
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
 * Checks raw sObject describes and splits them into object and field items. An odd attribute never
 * rejects a describe: it becomes a warning, and the describe is stored as sent. Only what cannot be
 * stored at all is refused: a describe that is not an object or has no name. Objects come out
 * sorted by name (later duplicates win) so that concurrent saves lock rows in the same order.
 */
export function checkDescribes(describes: readonly unknown[]): {
  objects: CatalogItem[];
  fields: CatalogItem[];
  warnings: DescribeWarning[];
} {
  const byName = new Map<string, Json>();
  describes.forEach((describe, index) => {
    const source = asObject(describe, `describe #${index + 1}`);
    if (typeof source.name !== 'string' || source.name === '') throw invalid(`describe #${index + 1} has no name`);
    byName.set(source.name, source);
  });
  const objects: CatalogItem[] = [];
  const fields: CatalogItem[] = [];
  const warnings: DescribeWarning[] = [];
  for (const name of [...byName.keys()].sort()) {
    const { fields: rawFields, ...describe } = byName.get(name) as Json;
    const warn = (field: string | null, attribute: string, problem: string) =>
      warnings.push({ object: name, field, attribute, problem });
    check(describe, OBJECT_ATTRIBUTES, (attribute, problem) => warn(null, attribute, problem));
    if (!Array.isArray(rawFields)) warn(null, 'fields', readValue(rawFields, 'array').problem ?? 'not a list');
    const seen = new Set<string>();
    (Array.isArray(rawFields) ? rawFields : []).forEach((rawField, position) => {
      const field = rawField as Json;
      const fieldName = typeof field?.name === 'string' ? field.name : '';
      if (typeof rawField !== 'object' || rawField === null || Array.isArray(rawField) || fieldName === '') {
        warn(
          null,
          `fields[${position}]`,
          `a field without a name, left out: ${JSON.stringify(rawField)?.slice(0, 80)}`,
        );
        return;
      }
      if (seen.has(fieldName)) {
        warn(fieldName, 'name', 'a second field of this name, left out');
        return;
      }
      seen.add(fieldName);
      check(field, FIELD_ATTRIBUTES, (attribute, problem) => warn(fieldName, attribute, problem));
      if (typeof field.type === 'string' && !FIELD_TYPES.has(field.type)) {
        warn(fieldName, 'type', `an unknown field type: ${JSON.stringify(field.type)}`);
      }
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
  return { objects, fields, warnings };
}

/** An object's listing line, with what Tooling said of it (its description is what `?q=` searches). */
function summaryOf(describe: Json): Json {
  const summary = readTypedAttributes<Json>(describe, SUMMARY_ATTRIBUTES);
  const { recordTypeInfos } = describe;
  const { durableId: _, ...tooling } = toolingOf(describe.$tooling);
  return { ...summary, recordTypeCount: Array.isArray(recordTypeInfos) ? recordTypeInfos.length : 0, ...tooling };
}

function check(source: Json, attributes: readonly Attribute<string>[], warn: (key: string, problem: string) => void) {
  for (const { key, kind } of attributes) {
    const problem = problemOf(source[key], kind);
    if (problem) warn(key, problem);
  }
}

function asObject(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${where} is not a JSON object`);
  return value as Json;
}

function invalid(message: string): StoreError {
  return new StoreError('INVALID_DESCRIBE', `invalid sObject describe: ${message}`);
}
