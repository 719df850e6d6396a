import type { FieldDescribe, SObjectDescribe } from '../describe-types.ts';
import type { Prng } from '../prng.ts';

// Compound and binary fields are never report columns; their parts are.
const NOT_COLUMNS: ReadonlySet<string> = new Set(['address', 'location', 'base64', 'anyType', 'complexvalue']);
const SETUP_PARENTS: ReadonlySet<string> = new Set(['User', 'Group', 'RecordType', 'Profile', 'UserRole']);

/** Whether reports can be built on the object: a queryable business object, neither a companion nor setup. */
export function isReportable(d: SObjectDescribe): boolean {
  return d.queryable && d.layoutable && d.associateEntityType === null;
}

/** The report type of a report on `object`: `CustomEntity$Obj__c` for a custom object, the name for a standard one. */
export function reportTypeOf(object: string): string {
  return object.endsWith('__c') ? `CustomEntity$${object}` : object;
}

/** The object's fields a report can show. */
export function columnFields(d: SObjectDescribe): FieldDescribe[] {
  return d.fields.filter((f) => !NOT_COLUMNS.has(f.type));
}

/**
 * The objects whose fields a report on `d` may show besides its own, each reached through one of its lookups to a
 * single object (polymorphic ones such as OwnerId excluded, and `d` itself).
 */
export function parentObjects(d: SObjectDescribe, describes: ReadonlyMap<string, SObjectDescribe>): SObjectDescribe[] {
  const out = new Map<string, SObjectDescribe>();
  for (const f of d.fields) {
    if (f.type !== 'reference' || f.referenceTo.length !== 1) continue;
    const parent = describes.get(f.referenceTo[0]!);
    if (parent && parent.name !== d.name && parent.queryable) out.set(parent.name, parent);
  }
  return [...out.values()];
}

/**
 * A column as Salesforce spells it (`Object.Field`, the object being the report's or a parent's), or undefined when
 * a report on `d` cannot show it. Names match case-insensitively.
 */
export function resolveColumn(
  d: SObjectDescribe,
  describes: ReadonlyMap<string, SObjectDescribe>,
  column: string,
): string | undefined {
  const dot = column.indexOf('.');
  if (dot < 0) return undefined;
  const objectName = column.slice(0, dot).toLowerCase();
  const fieldName = column.slice(dot + 1).toLowerCase();
  const owner = [d, ...parentObjects(d, describes)].find((o) => o.name.toLowerCase() === objectName);
  const field = owner && columnFields(owner).find((f) => f.name.toLowerCase() === fieldName);
  return owner && field ? `${owner.name}.${field.name}` : undefined;
}

/** A report's columns: the name field first, a few more of the object's, and now and then one or two of a parent's. */
export function randomColumns(d: SObjectDescribe, describes: ReadonlyMap<string, SObjectDescribe>, prng: Prng) {
  const own = columnFields(d);
  const columns = new Set<string>();
  const nameField = own.find((f) => f.nameField);
  if (nameField) columns.add(`${d.name}.${nameField.name}`);
  for (let n = prng.int(2, 7); n > 0 && own.length > 0; n--) columns.add(`${d.name}.${prng.pick(own).name}`);
  // Audit and owner lookups point at User from everywhere; business parents make the lineage worth having.
  const all = parentObjects(d, describes);
  const business = all.filter((p) => !SETUP_PARENTS.has(p.name));
  const parents = business.length > 0 ? business : all;
  if (parents.length > 0 && prng.chance(0.6)) {
    const parent = prng.pick(parents);
    const fields = columnFields(parent);
    const parentName = fields.find((f) => f.nameField) ?? prng.pick(fields);
    columns.add(`${parent.name}.${parentName.name}`);
    if (prng.chance(0.4)) columns.add(`${parent.name}.${prng.pick(fields).name}`);
  }
  return [...columns];
}

/** Columns of a report added without any: the name field and the first few custom fields, or the first fields. */
export function defaultColumns(d: SObjectDescribe): string[] {
  const own = columnFields(d);
  const nameField = own.filter((f) => f.nameField);
  const custom = own.filter((f) => f.custom && !f.nameField);
  const picked = [...nameField, ...(custom.length > 0 ? custom : own.filter((f) => !f.nameField))].slice(0, 5);
  return picked.map((f) => `${d.name}.${f.name}`);
}
