import type { FieldDescribe, SObjectDescribe } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import type { ComponentReference } from './lineage-plan.ts';
import { parentObjects } from './report-columns.ts';

const NOT_SELECTABLE: ReadonlySet<string> = new Set(['address', 'location', 'base64', 'complexvalue', 'anyType', 'id']);

/** Fields Apex and flows name: what SOQL selects one by one (no compound, binary or id fields). */
export function usableFields(d: SObjectDescribe): FieldDescribe[] {
  return d.fields.filter((f) => !NOT_SELECTABLE.has(f.type));
}

/** Up to `count` distinct fields of the object, custom ones preferred as in real code. */
export function pickFields(d: SObjectDescribe, prng: Prng, count: number): string[] {
  const usable = usableFields(d);
  const custom = usable.filter((f) => f.custom);
  const picked = new Set<string>();
  for (let tries = 0; picked.size < count && tries < count * 3 && usable.length > 0; tries++) {
    picked.add(prng.pick(custom.length > 0 && prng.chance(0.75) ? custom : usable).name);
  }
  return [...picked];
}

/** A parent the object looks up (not itself, not a setup object), for a component that reads across. */
export function pickParent(
  d: SObjectDescribe,
  describes: ReadonlyMap<string, SObjectDescribe>,
  prng: Prng,
): SObjectDescribe | undefined {
  const parents = parentObjects(d, describes).filter((p) => p.layoutable);
  return parents.length === 0 ? undefined : prng.pick(parents);
}

/** The references a component makes: each object it names, and each of their fields, once. */
export function componentReferences(uses: readonly { object: string; field: string | null }[]): ComponentReference[] {
  const seen = new Set<string>();
  const out: ComponentReference[] = [];
  const add = (object: string, field: string | null) => {
    const key = `${object}.${field ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ object, field });
  };
  for (const { object, field } of uses) {
    add(object, null);
    if (field !== null) add(object, field);
  }
  return out;
}
