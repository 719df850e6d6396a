import type { FieldDescribe, SObjectDescribe } from '../describe-types.ts';
import type { Org } from '../generate-org.ts';

/** How a planted attribute departs from the documented describe shape. */
export type OddAttributeKind = 'number-as-string' | 'boolean-as-string' | 'missing' | 'null-list' | 'unknown-type';

/** One surprise planted in a describe: on a field, or on the object itself when `field` is null. */
export interface OddAttribute {
  object: string;
  field: string | null;
  attribute: string;
  kind: OddAttributeKind;
}

/** The type a field gets under 'unknown-type': one newer than any client's list of field types. */
export const UNKNOWN_FIELD_TYPE = 'vectorembedding';

/** Every seventh custom object (by sorted name, the first included) carries surprises. */
const OBJECT_STRIDE = 7;
const NUMBER_ATTRIBUTES = ['length', 'precision', 'digits'] as const;

interface FieldSurprise {
  kind: OddAttributeKind;
  /** The attribute to spoil on this field, or undefined when the field has nothing to spoil. */
  attributeOf(field: FieldDescribe): string | undefined;
  /** Fields tried first; custom fields unless said otherwise, as custom fields are where real orgs surprise. */
  prefer?(field: FieldDescribe): boolean;
}

// Real orgs, and proxies in front of them, have sent each of these; a crawler must survive them all.
const FIELD_SURPRISES: readonly FieldSurprise[] = [
  { kind: 'number-as-string', attributeOf: (f) => NUMBER_ATTRIBUTES.find((a) => f[a] > 0) },
  { kind: 'boolean-as-string', attributeOf: () => 'nillable' },
  { kind: 'missing', attributeOf: () => 'byteLength' },
  { kind: 'null-list', attributeOf: () => 'picklistValues', prefer: (f) => f.picklistValues.length > 0 },
  {
    kind: 'unknown-type',
    attributeOf: (f) => (f.type === 'id' ? undefined : 'type'),
    prefer: (f) => f.custom && f.type !== 'reference',
  },
];

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The custom objects (`__c`) that carry surprises: every OBJECT_STRIDE-th by sorted name. */
function oddObjects(org: Org): SObjectDescribe[] {
  const customs = [...org.describes.values()].filter((d) => d.custom && !d.customSetting && d.name.endsWith('__c'));
  return customs.sort((a, b) => byName(a.name, b.name)).filter((_, i) => i % OBJECT_STRIDE === 0);
}

function plantOnField(surprise: FieldSurprise, describe: SObjectDescribe, used: Set<string>): OddAttribute | null {
  const prefer = surprise.prefer ?? ((f: FieldDescribe) => f.custom);
  const free = describe.fields.filter((f) => !used.has(`${describe.name}.${f.name}`) && surprise.attributeOf(f));
  const field = free.find(prefer) ?? free[0];
  if (!field) return null;
  used.add(`${describe.name}.${field.name}`);
  return { object: describe.name, field: field.name, attribute: surprise.attributeOf(field)!, kind: surprise.kind };
}

/**
 * What Faults.oddAttributes plants in the org's describes: one surprise of each kind, plus `recordTypeInfos: null`
 * on an object, dealt in turn to every seventh custom object. Pure and deterministic; empty without custom objects.
 */
export function oddAttributePlan(org: Org): OddAttribute[] {
  const objects = oddObjects(org);
  if (objects.length === 0) return [];
  const used = new Set<string>();
  const plan: OddAttribute[] = [];
  FIELD_SURPRISES.forEach((surprise, i) => {
    // A field surprise goes to the next object that has a field for it; every object has Id and Name.
    for (let offset = 0; offset < objects.length; offset++) {
      const planted = plantOnField(surprise, objects[(i + offset) % objects.length]!, used);
      if (planted) {
        plan.push(planted);
        break;
      }
    }
  });
  const object = objects[FIELD_SURPRISES.length % objects.length]!;
  plan.push({ object: object.name, field: null, attribute: 'recordTypeInfos', kind: 'null-list' });
  return plan;
}

function plant(target: Record<string, unknown>, { attribute, kind }: OddAttribute): void {
  if (kind === 'missing') delete target[attribute];
  else if (kind === 'null-list') target[attribute] = null;
  else if (kind === 'unknown-type') target[attribute] = UNKNOWN_FIELD_TYPE;
  else target[attribute] = String(target[attribute]);
}

/**
 * A copy of `describe` with the plan's surprises for this object planted; only what changes is copied, and the
 * describe itself, shared and cached by the org, is never touched.
 */
export function applyOddAttributes(describe: SObjectDescribe, plan: readonly OddAttribute[]): Record<string, unknown> {
  const mine = plan.filter((p) => p.object === describe.name);
  const odd: Record<string, unknown> = { ...describe };
  odd.fields = describe.fields.map((field) => {
    const surprises = mine.filter((p) => p.field === field.name);
    if (surprises.length === 0) return field;
    const copy: Record<string, unknown> = { ...field };
    for (const surprise of surprises) plant(copy, surprise);
    return copy;
  });
  for (const surprise of mine) if (surprise.field === null) plant(odd, surprise);
  return odd;
}
