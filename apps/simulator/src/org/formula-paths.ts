import type { FieldDescribe, FieldType } from '../describe-types.ts';
import type { Prng } from '../prng.ts';

/** An object as formulas see it: its name and fields. */
export interface FormulaObject {
  name: string;
  fields: readonly FieldDescribe[];
}

/** The objects formulas can reach, looked up case-insensitively as Salesforce does; indexes are built on first use. */
export class FormulaSchema {
  private readonly byLower = new Map<string, FormulaObject>();
  private readonly fieldIndex = new Map<string, Map<string, FieldDescribe>>();
  private readonly relationshipIndex = new Map<string, Map<string, FieldDescribe>>();

  constructor(objects: Iterable<FormulaObject>) {
    for (const o of objects) this.byLower.set(o.name.toLowerCase(), o);
  }

  object(name: string): FormulaObject | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  field(object: string, name: string): FieldDescribe | undefined {
    return this.index(this.fieldIndex, object, (f) => f.name)?.get(name.toLowerCase());
  }

  /** The reference field whose relationshipName is `name` (`Account`, `Parent__r`, `Owner`). */
  relationship(object: string, name: string): FieldDescribe | undefined {
    return this.index(this.relationshipIndex, object, (f) => f.relationshipName)?.get(name.toLowerCase());
  }

  private index(
    cache: Map<string, Map<string, FieldDescribe>>,
    object: string,
    key: (f: FieldDescribe) => string | null,
  ): Map<string, FieldDescribe> | undefined {
    const o = this.object(object);
    if (!o) return undefined;
    let index = cache.get(o.name);
    if (!index) {
      index = new Map();
      for (const f of o.fields) {
        const k = key(f);
        if (k !== null) index.set(k.toLowerCase(), f);
      }
      cache.set(o.name, index);
    }
    return index;
  }
}

/** What a path reads: the field at its end (`User.Email`) and the reference fields it crosses on the way. */
export interface ResolvedPath {
  source: string;
  hops: string[];
}

/** Globals that stand for a record of an object: `$User.Email` reads User.Email. */
const RECORD_GLOBALS: Readonly<Record<string, string>> = {
  $user: 'User',
  $profile: 'Profile',
  $userrole: 'UserRole',
  $recordtype: 'RecordType',
  $organization: 'Organization',
};

/**
 * What a reference as written in a formula reads: `Name`, `Account.Owner.Manager.Email`, `Owner:User.Email`,
 * `$User.Email`, `$Setup.Obj__c.F__c`, `$CustomMetadata.T__mdt.Record.F__c`. Null for a global that reads no field
 * ($Label, $Api...); undefined when the path does not resolve (a field or relationship that is not there).
 */
export function resolvePath(schema: FormulaSchema, object: string, path: string): ResolvedPath | null | undefined {
  const segments = path.split('.');
  let current = object;
  if (segments[0]!.startsWith('$')) {
    const global = segments.shift()!.toLowerCase();
    if (global === '$setup' || global === '$custommetadata') {
      const type = segments.shift();
      if (global === '$custommetadata') segments.shift();
      if (type === undefined || segments.length !== 1) return undefined;
      current = type;
    } else if (RECORD_GLOBALS[global] !== undefined) {
      current = RECORD_GLOBALS[global];
    } else {
      return null;
    }
  }
  const hops: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    const [relationship, type] = segment.split(':') as [string, string | undefined];
    const field = schema.relationship(current, relationship);
    if (field?.type !== 'reference') return undefined;
    const owner = schema.object(current)!.name;
    const target =
      type === undefined
        ? field.referenceTo.length === 1
          ? field.referenceTo[0]
          : undefined
        : field.referenceTo.find((t) => t.toLowerCase() === type.toLowerCase());
    if (target === undefined || !schema.object(target)) return undefined;
    hops.push(`${owner}.${field.name}`);
    current = schema.object(target)!.name;
  }
  const last = segments.at(-1);
  const field = last === undefined ? undefined : schema.field(current, last);
  if (!field) return undefined;
  return { source: `${schema.object(current)!.name}.${field.name}`, hops };
}

/** The kinds of value a formula operand has. */
export type OperandKind = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'picklist';

const OPERAND_KINDS: Partial<Record<FieldType, OperandKind>> = {
  string: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  picklist: 'picklist',
};

/** What a formula can read of the field, or undefined when formulas cannot use it (long text, encrypted...). */
export function operandKind(field: FieldDescribe): OperandKind | undefined {
  // Coordinates of addresses and locations are numbers, but no formula of a business object sums them.
  if (field.calculated || field.encrypted || /(Latitude|Longitude)(__s)?$/.test(field.name)) return undefined;
  return OPERAND_KINDS[field.type];
}

/** A field reached from an object, written as a formula writes it. */
export interface FieldPath {
  path: string;
  field: FieldDescribe;
}

// Relationships every record has, which business formulas seldom follow.
const SYSTEM_RELATIONSHIPS: ReadonlySet<string> = new Set(['CreatedBy', 'LastModifiedBy', 'MasterRecord']);

/** The relationships a formula may follow from the object: single-object lookups, and Owner as `Owner:User`. */
function hopsFrom(schema: FormulaSchema, object: FormulaObject): [string, string][] {
  const out: [string, string][] = [];
  for (const f of object.fields) {
    if (f.type !== 'reference' || f.relationshipName === null || SYSTEM_RELATIONSHIPS.has(f.relationshipName)) {
      continue;
    }
    if (f.referenceTo.length === 1 && schema.object(f.referenceTo[0]!))
      out.push([f.relationshipName, f.referenceTo[0]!]);
    else if (f.relationshipName === 'Owner' && f.referenceTo.includes('User')) out.push(['Owner:User', 'User']);
  }
  return out;
}

/**
 * A random field of the wanted kind reached from `from` through `minHops` to `maxHops` relationships, or undefined
 * when a few tries find none. `firstHop` restricts the first relationship followed.
 */
export function randomPath(
  schema: FormulaSchema,
  from: string,
  prng: Prng,
  kinds: readonly OperandKind[],
  options: { minHops: number; maxHops: number; firstHop?: (segment: string) => boolean },
): FieldPath | undefined {
  for (let attempt = 0; attempt < 6; attempt++) {
    let object = schema.object(from);
    const segments: string[] = [];
    const wanted = prng.int(options.minHops, options.maxHops);
    while (object && segments.length < wanted) {
      let hops = hopsFrom(schema, object);
      if (segments.length === 0 && options.firstHop) hops = hops.filter(([segment]) => options.firstHop!(segment));
      if (hops.length === 0) break;
      const [segment, target] = prng.pick(hops);
      segments.push(segment);
      object = schema.object(target);
    }
    if (!object || segments.length < options.minHops) continue;
    const terminals = object.fields.filter((f) => {
      const kind = operandKind(f);
      return kind !== undefined && kinds.includes(kind);
    });
    if (terminals.length === 0) continue;
    const field = prng.pick(terminals);
    return { path: [...segments, field.name].join('.'), field };
  }
  return undefined;
}
