import type { Prng } from '../prng.ts';
import { base62 } from '../salesforce-id.ts';
import type { ObjectBlueprint } from './blueprint.ts';

/** What Tooling knows about a field and a describe does not. */
export interface FieldMetadata {
  durableId: string;
  description: string | null;
  lastModified: Date;
}

/** What Tooling's EntityDefinition knows about an object; descriptions are the generator's, so both APIs agree. */
export interface EntityMetadata {
  durableId: string;
  description: string | null;
  isCustomizable: boolean;
  lastModified: Date;
  fields: Map<string, FieldMetadata>;
}

const DAY_MS = 86_400_000;

/** Durable ids and dates for every object and field, none later than the org's lastModified. */
export function entityMetadata(
  blueprints: readonly ObjectBlueprint[],
  lastModified: Date,
  prng: Prng,
): Map<string, EntityMetadata> {
  const out = new Map<string, EntityMetadata>();
  let customIndex = 0;
  let fieldIndex = 0;
  const before = (maxDays: number) =>
    new Date(lastModified.getTime() - prng.int(0, maxDays) * DAY_MS - prng.int(0, 86_399) * 1000);
  for (const bp of blueprints) {
    const name = bp.flags.name;
    const durableId = name.endsWith('__c') ? `01I5g${base62(++customIndex, 10)}` : name;
    const entityDate = before(700);
    const fields = new Map<string, FieldMetadata>();
    for (const f of bp.fields) {
      const fieldDurable = f.describe.custom
        ? `${durableId}.00N5g${base62(++fieldIndex, 10)}`
        : `${durableId}.${f.describe.name}`;
      fields.set(f.describe.name, {
        durableId: fieldDurable,
        description: f.description,
        lastModified: new Date(Math.min(entityDate.getTime(), before(900).getTime())),
      });
    }
    out.set(name, {
      durableId,
      description: bp.description,
      isCustomizable: bp.isCustomizable,
      lastModified: entityDate,
      fields,
    });
  }
  return out;
}
