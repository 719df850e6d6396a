import type { SObjectDescribe } from '../describe-types.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import type { MutationOf } from './mutation-schema.ts';
import type { OrgDraft } from './org-draft.ts';

/** The object, when it is a custom object: Salesforce keeps descriptions for custom objects and fields only. */
function customObject(draft: OrgDraft, name: string): SObjectDescribe {
  const object = draft.get(name);
  if (!object.name.endsWith('__c') || !draft.isCustomizable(object.name)) {
    throw new InvalidMutationError(`${object.name} is not a custom object`);
  }
  return object;
}

/**
 * Sets EntityDefinition.Description. The describe does not carry it, yet the object's Last-Modified moves, as it
 * does on Salesforce when an admin saves the object, so a conditional describe sees the change.
 */
export function setObjectDescription(draft: OrgDraft, mutation: MutationOf<'setObjectDescription'>): void {
  draft.touch(customObject(draft, mutation.object).name).description = mutation.description;
}

/** Sets FieldDefinition.Description of a custom field; its object's Last-Modified moves as for an object's. */
export function setFieldDescription(draft: OrgDraft, mutation: MutationOf<'setFieldDescription'>): void {
  const object = draft.get(mutation.object);
  const lower = mutation.field.toLowerCase();
  const field = object.fields.find((f) => f.name.toLowerCase() === lower);
  if (!field) throw new InvalidMutationError(`${object.name} has no field '${mutation.field}'`);
  if (!field.custom || !field.name.endsWith('__c') || !draft.isCustomizable(object.name)) {
    throw new InvalidMutationError(`${object.name}.${field.name} is not a custom field`);
  }
  draft.fieldDescribed(object.name, field.name, mutation.description);
}
