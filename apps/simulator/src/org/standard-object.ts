import type { SObjectFlags } from '../describe-types.ts';
import type { FieldBlueprint, ObjectBlueprint } from './blueprint.ts';
import type { CompanionKind } from './companion-objects.ts';
import { objectFlags } from './object-flags.ts';
import { auditFields, idField, isDeletedField, ownerField } from './system-fields.ts';

/** A hand-written standard object: its business fields; system fields are added by standardObject. */
export interface StandardObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  fields: FieldBlueprint[];
  /** 'queue' makes OwnerId polymorphic (Group, User); omitted means no OwnerId. */
  owner?: 'user' | 'queue';
  activity?: boolean;
  /** Labels of record types besides Master. */
  recordTypes?: string[];
  companions?: CompanionKind[];
  flags?: Partial<SObjectFlags>;
  isCustomizable?: boolean;
}

/** Assembles a standard object in Salesforce's field order: Id, IsDeleted, business fields, owner, audit. */
export function standardObject(def: StandardObjectDef): ObjectBlueprint {
  const fields = [idField(`${def.label} ID`), isDeletedField(), ...def.fields];
  if (def.owner) fields.push(ownerField(def.owner === 'queue'));
  fields.push(...auditFields({ activity: def.activity ?? false }));
  return {
    flags: objectFlags(def.name, def.label, def.labelPlural, def.keyPrefix, def.flags),
    fields,
    recordTypes: (def.recordTypes ?? []).map((name) => ({ name, developerName: name.replace(/[^A-Za-z0-9]+/g, '_') })),
    description: null,
    isCustomizable: def.isCustomizable ?? true,
    exposesChildRelationships: true,
  };
}
