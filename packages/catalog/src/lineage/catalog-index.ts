import type { LineageField, LineageObject } from './lineage-types.ts';

/** An object of the catalog with its fields by name and its reference fields by relationship name. */
export interface IndexedObject {
  object: LineageObject;
  /** Lower-cased field name → field, in the object's order. */
  fieldsByName: ReadonlyMap<string, LineageField>;
  /** Lower-cased relationshipName → the reference field that carries it. */
  fieldsByRelationship: ReadonlyMap<string, LineageField>;
}

/** A field found by its id, with the object that holds it. */
export interface IndexedField {
  object: LineageObject;
  field: LineageField;
}

/** Case-insensitive and id-based look-ups over a run's objects, built once per lineage. */
export interface CatalogIndex {
  /** The objects with a name (the first of those that differ only in case), in input order. */
  objects: readonly IndexedObject[];
  /** The object of that API name, whatever its case. */
  object(name: string): IndexedObject | undefined;
  /** The custom field of that 00N id (15 or 18 characters). */
  fieldById(id: string): IndexedField | undefined;
  /** The custom object of that 01I id (15 or 18 characters). */
  objectById(id: string): IndexedObject | undefined;
}

const SALESFORCE_ID = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

/** The case-sensitive 15-character form of a Salesforce id, or undefined when `text` is not one. */
export function shortId(text: string): string | undefined {
  return SALESFORCE_ID.test(text) ? text.slice(0, 15) : undefined;
}

/** A custom field's id from its DurableId, `01I….00N…` (or `Account.00N…` on a standard object): the last part. */
export const fieldIdOf = (durableId: string | null): string | undefined => {
  if (typeof durableId !== 'string') return undefined;
  return shortId(durableId.slice(durableId.lastIndexOf('.') + 1));
};

const indexObject = (object: LineageObject): IndexedObject => {
  const fieldsByName = new Map<string, LineageField>();
  const fieldsByRelationship = new Map<string, LineageField>();
  for (const field of Array.isArray(object.fields) ? object.fields : []) {
    if (typeof field?.name !== 'string' || field.name === '') continue;
    const name = field.name.toLowerCase();
    if (!fieldsByName.has(name)) fieldsByName.set(name, field);
    if (typeof field.relationshipName === 'string' && field.relationshipName !== '') {
      const relationship = field.relationshipName.toLowerCase();
      if (!fieldsByRelationship.has(relationship)) fieldsByRelationship.set(relationship, field);
    }
  }
  return { object, fieldsByName, fieldsByRelationship };
};

/** Indexes the objects once; the first of two objects or fields whose names differ only in case wins. */
export function createCatalogIndex(objects: readonly LineageObject[]): CatalogIndex {
  const byName = new Map<string, IndexedObject>();
  const byObjectId = new Map<string, IndexedObject>();
  const byFieldId = new Map<string, IndexedField>();
  const kept: IndexedObject[] = [];
  for (const object of objects) {
    if (typeof object?.name !== 'string' || object.name === '') continue;
    const name = object.name.toLowerCase();
    if (byName.has(name)) continue;
    const indexed = indexObject(object);
    byName.set(name, indexed);
    kept.push(indexed);
    // A standard object's DurableId is its name: only a custom object's 01I id is worth indexing.
    const hasId = typeof object.durableId === 'string' && object.durableId !== object.name;
    const objectId = hasId ? shortId(object.durableId!) : undefined;
    if (objectId !== undefined && !byObjectId.has(objectId)) byObjectId.set(objectId, indexed);
    for (const field of indexed.fieldsByName.values()) {
      const fieldId = fieldIdOf(field.durableId);
      if (fieldId !== undefined && !byFieldId.has(fieldId)) byFieldId.set(fieldId, { object, field });
    }
  }
  const byId = <T>(map: ReadonlyMap<string, T>, id: string): T | undefined => {
    const key = typeof id === 'string' ? shortId(id) : undefined;
    return key === undefined ? undefined : map.get(key);
  };
  return {
    objects: kept,
    object: (name) => (typeof name === 'string' ? byName.get(name.toLowerCase()) : undefined),
    fieldById: (id) => byId(byFieldId, id),
    objectById: (id) => byId(byObjectId, id),
  };
}

/** A field's node id, `Object.Field`, in the catalog's spelling. */
export const fieldNode = (object: LineageObject, field: LineageField): string => `${object.name}.${field.name}`;
