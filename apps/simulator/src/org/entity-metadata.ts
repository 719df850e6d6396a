import type { Prng } from '../prng.ts';
import { base62 } from '../salesforce-id.ts';
import type { AuditStamper } from './audit-stamps.ts';
import type { ObjectBlueprint } from './blueprint.ts';
import { PACKAGE_NAMESPACES } from './word-lists.ts';

/** CustomObject.ManageableState and CustomField.ManageableState: made in the org, or from an installed package. */
export type ManageableState = 'unmanaged' | 'installed';

/** Whose an object or field is, and who made and last changed it: the columns of CustomObject and CustomField. */
export interface ComponentFacts {
  /** The installed package's namespace; null for what the org made itself and for standard objects. */
  namespacePrefix: string | null;
  manageableState: ManageableState;
  createdDate: Date;
  /** A user of Org.users. */
  createdById: string;
  /** A user of Org.users; who made the change at `lastModified`. */
  lastModifiedById: string;
}

/** What Tooling knows about a field and a describe does not. */
export interface FieldMetadata extends ComponentFacts {
  /** `EntityDurableId.Name` for standard fields, `EntityDurableId.00N...` for custom ones (CustomField.Id). */
  durableId: string;
  description: string | null;
  lastModified: Date;
}

/** What Tooling's EntityDefinition knows about an object; descriptions are the generator's, so both APIs agree. */
export interface EntityMetadata extends ComponentFacts {
  /** The object's name for standard objects and companions, its CustomObject id ('01I...') for custom objects. */
  durableId: string;
  description: string | null;
  isCustomizable: boolean;
  lastModified: Date;
  fields: Map<string, FieldMetadata>;
}

const DAY_MS = 86_400_000;
// Every fifth custom object comes from an installed package.
const INSTALLED_EVERY = 5;

/** The namespace of each installed custom object, and of its companions (Invoice__History follows Invoice__c). */
function namespaces(blueprints: readonly ObjectBlueprint[]): Map<string, string> {
  const out = new Map<string, string>();
  let customIndex = 0;
  for (const bp of blueprints) {
    // Custom settings are the org's own: they neither come from a package nor move which objects do.
    if (!bp.flags.name.endsWith('__c') || bp.flags.customSetting || ++customIndex % INSTALLED_EVERY !== 0) continue;
    out.set(bp.flags.name, PACKAGE_NAMESPACES[(customIndex / INSTALLED_EVERY - 1) % PACKAGE_NAMESPACES.length]!);
  }
  for (const bp of blueprints) {
    const parent = bp.flags.associateParentEntity;
    const ns = parent === null ? undefined : out.get(parent);
    if (ns !== undefined) out.set(bp.flags.name, ns);
  }
  return out;
}

/**
 * Durable ids, dates and authors for every object and field, none later than the org's lastModified. `prng` draws
 * the dates, `stamper` (a stream of its own) the authors and creation dates.
 */
export function entityMetadata(
  blueprints: readonly ObjectBlueprint[],
  lastModified: Date,
  prng: Prng,
  stamper: AuditStamper,
): Map<string, EntityMetadata> {
  const out = new Map<string, EntityMetadata>();
  const packaged = namespaces(blueprints);
  let customIndex = 0;
  let fieldIndex = 0;
  const before = (maxDays: number) =>
    new Date(lastModified.getTime() - prng.int(0, maxDays) * DAY_MS - prng.int(0, 86_399) * 1000);
  for (const bp of blueprints) {
    const name = bp.flags.name;
    const durableId = name.endsWith('__c') ? `01I5g${base62(++customIndex, 10)}` : name;
    const entityDate = before(700);
    const namespacePrefix = packaged.get(name) ?? null;
    const manageableState = namespacePrefix === null ? 'unmanaged' : 'installed';
    const createdDate = stamper.before(entityDate, 500);
    const createdById = stamper.creator();
    const fields = new Map<string, FieldMetadata>();
    for (const f of bp.fields) {
      const fieldDurable = f.describe.custom
        ? `${durableId}.00N5g${base62(++fieldIndex, 10)}`
        : `${durableId}.${f.describe.name}`;
      const fieldDate = new Date(Math.min(entityDate.getTime(), before(900).getTime()));
      const fieldCreator = stamper.creator();
      fields.set(f.describe.name, {
        durableId: fieldDurable,
        description: f.description,
        lastModified: fieldDate,
        namespacePrefix: f.describe.custom ? namespacePrefix : null,
        manageableState: f.describe.custom ? manageableState : 'unmanaged',
        // Not before its object, and not after its own last change.
        createdDate: new Date(
          Math.min(fieldDate.getTime(), Math.max(createdDate.getTime(), stamper.before(fieldDate, 200).getTime())),
        ),
        createdById: fieldCreator,
        lastModifiedById: stamper.editor(fieldCreator),
      });
    }
    out.set(name, {
      durableId,
      description: bp.description,
      isCustomizable: bp.isCustomizable,
      lastModified: entityDate,
      fields,
      namespacePrefix,
      manageableState,
      createdDate,
      createdById,
      lastModifiedById: stamper.editor(createdById),
    });
  }
  return out;
}
