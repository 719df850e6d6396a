import type { FieldDescribe, SObjectDescribe } from '../describe-types.ts';
import { picklistValues } from '../org/field-factory.ts';
import { childRelationshipName, linkToParents, unlinkFromParents } from './child-relationships.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import type { MutationOf, NewField } from './mutation-schema.ts';
import { newFieldDescribe } from './new-field.ts';
import type { OrgDraft } from './org-draft.ts';
import { fieldUsers } from './lineage-usage.ts';
import { writtenReferences } from './written-references.ts';
import type { PlantedRollup } from '../org/lineage-plan.ts';

/** The object, when an admin may change it: not a companion (History, Share, Feed, ChangeEvent) nor a setup one. */
export function customizableObject(draft: OrgDraft, name: string): SObjectDescribe {
  const describe = draft.get(name);
  if (!draft.isCustomizable(describe.name)) {
    throw new InvalidMutationError(`${describe.name} cannot be customized`);
  }
  return describe;
}

function fieldOf(describe: SObjectDescribe, name: string): FieldDescribe {
  const lower = name.toLowerCase();
  const field = describe.fields.find((f) => f.name.toLowerCase() === lower);
  if (!field) throw new InvalidMutationError(`${describe.name} has no field '${name}'`);
  return field;
}

/** Replaces a field of the object by `change` applied to it, and records the change. */
function changeField(draft: OrgDraft, object: string, name: string, change: (f: FieldDescribe) => FieldDescribe) {
  const describe = customizableObject(draft, object);
  const field = fieldOf(describe, name);
  const replacement = change(field);
  const edited = draft.edit(describe.name);
  edited.fields = edited.fields.map((f) => (f === field ? replacement : f));
  draft.fieldChanged(edited.name, field.name);
}

/** Formulas of the object that name the field; Salesforce refuses to delete a field a formula uses. */
function formulasUsing(describe: SObjectDescribe, field: string): string[] {
  const token = new RegExp(`\\b${field}\\b`, 'i');
  return describe.fields
    .filter((f) => f.calculatedFormula !== null && token.test(f.calculatedFormula))
    .map((f) => f.name);
}

/** Adds a custom field; a lookup also becomes a child relationship of the object it points to. */
export function addField(draft: OrgDraft, object: string, field: NewField): void {
  const describe = customizableObject(draft, object);
  const lower = field.name.toLowerCase();
  if (describe.fields.some((f) => f.name.toLowerCase() === lower)) {
    throw new InvalidMutationError(`${describe.name} already has a field ${field.name}`);
  }
  const target = field.referenceTo === undefined ? undefined : customizableObject(draft, field.referenceTo).name;
  const created = newFieldDescribe(field, target);
  draft.edit(describe.name).fields.push(created);
  draft.fieldChanged(describe.name, created.name, field.description ?? null);
  if (created.calculatedFormula !== null) recordFormula(draft, describe.name, created.name, created.calculatedFormula);
  if (target !== undefined) {
    linkToParents(draft, describe.name, created, childRelationshipName(draft, target, describe.name, created.name));
  }
}

/**
 * Removes a field of the object with whatever belongs to it: a location's latitude and longitude, a lookup's
 * child relationships. Callers have checked that nothing else depends on it.
 */
export function dropField(draft: OrgDraft, object: string, field: FieldDescribe): void {
  const edited = draft.edit(object);
  const gone = edited.fields.filter((f) => f === field || f.compoundFieldName === field.name);
  edited.fields = edited.fields.filter((f) => !gone.includes(f));
  for (const f of gone) draft.fieldRemoved(object, f.name);
  if (field.type === 'reference') unlinkFromParents(draft, object, field);
}

/**
 * Why Salesforce would refuse to delete the field, or null when it would not: only custom fields go, and not
 * while a dependent picklist or a formula of its object needs them.
 */
export function removalBlocker(describe: SObjectDescribe, field: FieldDescribe): string | null {
  const name = `${describe.name}.${field.name}`;
  if (!field.custom || !field.name.endsWith('__c')) return `${name} is not a custom field`;
  const dependents = describe.fields.filter((f) => f.controllerName === field.name).map((f) => f.name);
  if (dependents.length > 0) return `${name} controls ${dependents.join(', ')}`;
  const formulas = formulasUsing(describe, field.name).filter((f) => f !== field.name);
  if (formulas.length > 0) return `${name} is used by the formula of ${formulas.join(', ')}`;
  return null;
}

/**
 * Removes a custom field that no formula or roll-up needs (see removalBlocker, fieldUsers). A master-detail field
 * takes the roll-up summaries over it along; Apex and flows naming the field stop listing it as a dependency.
 */
export function removeField(draft: OrgDraft, { object, field }: MutationOf<'removeField'>): void {
  const describe = customizableObject(draft, object);
  const target = fieldOf(describe, field);
  const name = `${describe.name}.${target.name}`;
  const user = fieldUsers(draft.lineageView(), false).get(name);
  const blocker = removalBlocker(describe, target) ?? (user === undefined ? null : `${name} is used by ${user}`);
  if (blocker !== null) throw new InvalidMutationError(blocker);
  dropRollupsOver(draft, (r) => r.detail === describe.name && r.relationshipField === target.name);
  dropField(draft, describe.name, target);
}

/** Drops the roll-up summary fields `over` picks from their masters. */
export function dropRollupsOver(draft: OrgDraft, over: (rollup: PlantedRollup) => boolean): void {
  for (const rollup of draft.rollups.filter(over)) {
    const master = draft.find(rollup.master);
    const summary = master?.fields.find((f) => f.name === rollup.field);
    if (master && summary) dropField(draft, master.name, summary);
  }
  draft.rollups = draft.rollups.filter((r) => !over(r));
}

/** Records the references of a formula set through a mutation, replacing what its field's formula had. */
function recordFormula(draft: OrgDraft, object: string, field: string, formula: string): void {
  draft.formulas = draft.formulas.filter(
    (p) => !(p.object === object && p.field === field && p.origin === 'calculatedFormula'),
  );
  draft.formulas.push({ object, field, origin: 'calculatedFormula', paths: writtenReferences(formula) });
}

export function relabelField(draft: OrgDraft, { object, field, label }: MutationOf<'relabelField'>): void {
  changeField(draft, object, field, (f) => ({ ...f, label }));
}

/** Replaces a picklist's values; the default value stays the default when it is still a value. */
export function setPicklistValues(draft: OrgDraft, { object, field, values }: MutationOf<'setPicklistValues'>): void {
  changeField(draft, object, field, (f) => {
    if (!['picklist', 'multipicklist', 'combobox'].includes(f.type)) {
      throw new InvalidMutationError(`${object}.${f.name} is not a picklist`);
    }
    // A dependent picklist's values carry bitmaps of the controlling values; new values would need new ones.
    if (f.dependentPicklist) throw new InvalidMutationError(`${object}.${f.name} is a dependent picklist`);
    const defaultValue = f.picklistValues.find((v) => v.defaultValue)?.value;
    const defaultIndex = defaultValue === undefined ? -1 : values.indexOf(defaultValue);
    return { ...f, picklistValues: picklistValues(values, defaultIndex < 0 ? undefined : defaultIndex) };
  });
}

export function setFormula(draft: OrgDraft, { object, field, formula }: MutationOf<'setFormula'>): void {
  changeField(draft, object, field, (f) => {
    if (!f.calculated || f.calculatedFormula === null) {
      throw new InvalidMutationError(`${object}.${f.name} is not a formula field`);
    }
    return { ...f, calculatedFormula: formula };
  });
  const name = fieldOf(draft.get(object), field).name;
  recordFormula(draft, draft.get(object).name, name, formula);
}
