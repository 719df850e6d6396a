import type { FieldDescribe, SObjectFlags } from '../describe-types.ts';

/** A field as the generator knows it: its describe plus what only Tooling or the parent's describe shows. */
export interface FieldBlueprint {
  describe: FieldDescribe;
  /** FieldDefinition.Description; describes never carry it. */
  description: string | null;
  /** Relationship name seen from the referenced object (Account.Contacts); references only. */
  childRelationshipName: string | null;
}

/** An extra record type besides Master. */
export interface RecordTypeBlueprint {
  name: string;
  developerName: string;
}

/** An object before describes are assembled; child relationships are derived from all blueprints. */
export interface ObjectBlueprint {
  flags: SObjectFlags;
  fields: FieldBlueprint[];
  recordTypes: RecordTypeBlueprint[];
  /** EntityDefinition.Description. */
  description: string | null;
  /** EntityDefinition.IsCustomizable: false for companions such as AccountHistory. */
  isCustomizable: boolean;
  /** False for change events, whose reference fields do not appear as child relationships. */
  exposesChildRelationships: boolean;
}

/** Wraps a describe into a blueprint field. */
export function fieldOf(
  describe: FieldDescribe,
  extra: Partial<Omit<FieldBlueprint, 'describe'>> = {},
): FieldBlueprint {
  return {
    describe,
    description: extra.description ?? null,
    childRelationshipName: extra.childRelationshipName ?? null,
  };
}
