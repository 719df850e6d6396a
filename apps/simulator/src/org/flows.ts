import type { SObjectDescribe } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';
import { componentReferences, pickFields } from './component-references.ts';
import type { OrgFlow } from './lineage-plan.ts';

const VERBS = ['Update', 'Sync', 'Notify', 'Escalate', 'Route', 'Validate', 'Close', 'Assign'];

/**
 * `count` record-triggered flows on the org's objects, each named after what it does to which field
 * (Update_Invoice_Status) and reading a few fields; only MetadataComponentDependency shows them.
 */
export function generateFlows(count: number, objects: readonly SObjectDescribe[], prng: Prng): OrgFlow[] {
  if (objects.length === 0) return [];
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const object = prng.pick(objects);
    const fields = pickFields(object, prng, prng.int(1, 4));
    const stem = object.name.replace(/__c$/, '');
    const fieldStem = (fields[0] ?? 'Record').replace(/__c$/, '');
    let name = `${prng.pick(VERBS)}_${stem}_${fieldStem}`.slice(0, 80);
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${name.replace(/_\d+$/, '')}_${n}`;
    taken.add(name.toLowerCase());
    return {
      id: recordId('301', i),
      name,
      references: componentReferences([
        { object: object.name, field: null },
        ...fields.map((field) => ({ object: object.name, field })),
      ]),
    };
  });
}
