import type { FieldDescribe, SObjectDescribe } from '../describe-types.ts';
import type { Org } from '../generate-org.ts';
import { FIELD_STEMS, OBJECT_NOUNS, PICKLIST_VALUES } from '../org/word-lists.ts';
import { uniqueStem } from '../org/relationship-names.ts';
import { createPrng, deriveSeed, type Prng } from '../prng.ts';
import { applyMutations } from './apply-mutations.ts';
import { removalBlocker } from './field-mutations.ts';
import { fieldUsers } from './lineage-usage.ts';
import type { Mutation, MutationKind, NewField, RandomMutationOptions } from './mutation-schema.ts';
import { type Generator, pickWhere, type View } from './random-view.ts';
import { SETUP_GENERATORS } from './random-setup-mutations.ts';

const NUMERIC: readonly string[] = ['int', 'double', 'currency', 'percent'];
const QUALIFIERS = ['Legacy', 'Global', 'Regional', 'Internal', 'Partner', 'Archived', 'Primary', 'Extended'];
const EXTRA_VALUES = ['Other', 'Pending', 'On Hold', 'Escalated', 'Deferred', 'Archived', 'Unknown', 'Expired'];

/** `label` with a qualifier in brackets instead of the one it had, so that it always changes. */
function requalified(prng: Prng, label: string): string {
  const base = label.replace(/ \([^)]*\)$/, '').slice(0, 60);
  const qualifier = prng.pick(QUALIFIERS);
  const next = `${base} (${qualifier})`;
  return next === label ? `${base} (${qualifier} 2)` : next;
}

function newField(view: View, used: Set<string>, fields: readonly FieldDescribe[]): NewField {
  const { prng } = view;
  const type = prng.pick(['string', 'boolean', 'double', 'currency', 'date', 'picklist', 'lookup', 'formula'] as const);
  const stemFor = {
    string: FIELD_STEMS.text,
    boolean: FIELD_STEMS.flag,
    double: FIELD_STEMS.number,
    currency: FIELD_STEMS.money,
    date: FIELD_STEMS.date,
    picklist: FIELD_STEMS.choice,
    lookup: ['Related', 'Parent', 'Source', 'Owner_Record'],
    formula: ['Total', 'Adjusted_Value', 'Weighted_Score'],
  }[type];
  const stem = uniqueStem(prng.pick(stemFor), used);
  const base = { name: `${stem}__c`, label: stem.replaceAll('_', ' ') };
  if (type === 'picklist') {
    const values = PICKLIST_VALUES[stem.split('_')[0] ?? ''] ?? ['Bronze', 'Silver', 'Gold', 'Platinum'];
    return { ...base, type, values: values.slice(0, prng.int(2, values.length)) };
  }
  if (type === 'lookup') return { ...base, type, referenceTo: prng.pick(view.customizable).name };
  if (type === 'formula') {
    const source = fields.find((f) => NUMERIC.includes(f.type) && !f.calculated);
    return source
      ? { ...base, type: 'double', formula: `${source.name} * ${prng.int(2, 9)}` }
      : { ...base, type: 'string', formula: `LEFT(Name, ${prng.int(5, 40)})` };
  }
  return { ...base, type };
}

/** A new formula of the field's type, different from its current one. */
function newFormula(prng: Prng, describe: SObjectDescribe, field: FieldDescribe): string {
  const k = prng.int(2, 9);
  const source = describe.fields.find((f) => NUMERIC.includes(f.type) && !f.calculated);
  const candidates: Record<string, string> = {
    string: `LEFT(Name, ${k * 5})`,
    boolean: `LEN(Name) > ${k}`,
    date: `TODAY() + ${k}`,
    datetime: `NOW() - ${k}`,
  };
  const formula = candidates[field.type] ?? (source ? `${source.name} * ${k}` : `${k * 10}`);
  return formula === field.calculatedFormula ? `(${formula}) + 1` : formula;
}

const isMasterDetail = (f: FieldDescribe) => f.type === 'reference' && f.relationshipOrder !== null;

/** One generator per kind of object mutation: a valid mutation for the org as it is, or undefined when none is. */
const OBJECT_GENERATORS = {
  addObject: (view) => {
    const { prng, org } = view;
    const [singular, plural] = prng.pick(OBJECT_NOUNS);
    let n = prng.int(2, 99);
    while (org.describes.has(`${singular.replaceAll(' ', '_')}_${n}__c`)) n++;
    const name = `${singular.replaceAll(' ', '_')}_${n}__c`;
    const used = new Set(['name']);
    const fields: NewField[] = [];
    for (let i = prng.int(1, 4); i > 0; i--) fields.push(newField(view, used, []));
    return { kind: 'addObject', name, label: `${singular} ${n}`, labelPlural: `${plural} ${n}`, fields };
  },
  removeObject: ({ prng, org, customizable }) => {
    const masters = new Set<string>();
    for (const d of org.describes.values()) {
      if (d.associateEntityType !== null) continue;
      for (const f of d.fields) if (isMasterDetail(f)) for (const t of f.referenceTo) masters.add(t);
    }
    const target = pickWhere(prng, customizable, (d) => d.custom && d.name.endsWith('__c') && !masters.has(d.name));
    return target && { kind: 'removeObject', object: target.name };
  },
  addField: (view) => {
    const target = view.prng.pick(view.customizable);
    const used = new Set(target.fields.map((f) => f.name.replace(/__c$/, '').toLowerCase()));
    return { kind: 'addField', object: target.name, field: newField(view, used, target.fields) };
  },
  removeField: ({ prng, org, customizable }) => {
    // Salesforce refuses to delete what formulas, roll-ups, Apex or flows use: random mutations leave those alone.
    const users = fieldUsers(org, true);
    const removable = (d: SObjectDescribe) =>
      d.fields.filter((f) => removalBlocker(d, f) === null && !users.has(`${d.name}.${f.name}`));
    const target = pickWhere(prng, customizable, (d) => removable(d).length > 0);
    return target && { kind: 'removeField', object: target.name, field: prng.pick(removable(target)).name };
  },
  relabelObject: ({ prng, customizable }) => {
    const target = prng.pick(customizable);
    const label = requalified(prng, target.label);
    return { kind: 'relabelObject', object: target.name, label, labelPlural: `${label.replace(/ \(/, 's (')}` };
  },
  relabelField: ({ prng, customizable }) => {
    const target = prng.pick(customizable);
    const field = prng.pick(target.fields);
    return { kind: 'relabelField', object: target.name, field: field.name, label: requalified(prng, field.label) };
  },
  setPicklistValues: ({ prng, customizable }) => {
    const changeable = (f: FieldDescribe) => ['picklist', 'multipicklist'].includes(f.type) && !f.dependentPicklist;
    const target = pickWhere(prng, customizable, (d) => d.fields.some(changeable));
    if (!target) return undefined;
    const field = prng.pick(target.fields.filter(changeable));
    const values = field.picklistValues.map((v) => v.value);
    if (values.length > 1 && prng.chance(0.5)) values.splice(prng.int(0, values.length - 1), 1);
    const extra = EXTRA_VALUES.filter((v) => !values.includes(v));
    if (extra.length > 0) values.push(prng.pick(extra));
    return { kind: 'setPicklistValues', object: target.name, field: field.name, values };
  },
  setFormula: ({ prng, customizable }) => {
    const formula = (f: FieldDescribe) => f.calculated && f.calculatedFormula !== null;
    const target = pickWhere(prng, customizable, (d) => d.fields.some(formula));
    if (!target) return undefined;
    const field = prng.pick(target.fields.filter(formula));
    return { kind: 'setFormula', object: target.name, field: field.name, formula: newFormula(prng, target, field) };
  },
} satisfies Partial<Record<MutationKind, Generator>>;

const GENERATORS: Record<MutationKind, Generator> = {
  ...OBJECT_GENERATORS,
  ...SETUP_GENERATORS,
};
const OBJECT_KINDS = Object.keys(OBJECT_GENERATORS) as MutationKind[];
const SETUP_KINDS = Object.keys(SETUP_GENERATORS) as MutationKind[];
// Objects and fields stay the bulk of the changes, as the crawler's tests of incremental runs expect.
const OBJECT_SHARE = 0.6;

/**
 * `count` valid mutations of a random mix of kinds, each valid after the ones before it, for property tests that
 * change an org between crawls. Pure and seeded: the same org and options give the same mutations.
 */
export function randomMutations(org: Org, { seed, count }: RandomMutationOptions): Mutation[] {
  const prng = createPrng(deriveSeed(seed, 'mutations'));
  const mutations: Mutation[] = [];
  let current = org;
  // Each mutation is applied to a working copy so that the next one sees its effect; the time is irrelevant.
  for (let tries = 0; mutations.length < count && tries < count * 10; tries++) {
    const customizable = [...current.describes.values()].filter((d) => current.entities.get(d.name)?.isCustomizable);
    const kind = prng.pick(prng.chance(OBJECT_SHARE) ? OBJECT_KINDS : SETUP_KINDS);
    const mutation = GENERATORS[kind]({ org: current, prng, customizable });
    if (!mutation) continue;
    current = applyMutations(current, [mutation], current.lastModified).org;
    mutations.push(mutation);
  }
  return mutations;
}
