import { fieldOf as blueprintField, type ObjectBlueprint } from '../org/blueprint.ts';
import { createField } from '../org/field-factory.ts';
import { globalEntry, objectDescribe } from '../org/object-describe.ts';
import { objectFlags } from '../org/object-flags.ts';
import { auditFields, idField, isDeletedField, ownerField } from '../org/system-fields.ts';
import { base62 } from '../salesforce-id.ts';
import { linkToParents } from './child-relationships.ts';
import { addField, customizableObject, dropField, dropRollupsOver } from './field-mutations.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import type { MutationOf } from './mutation-schema.ts';
import type { OrgDraft } from './org-draft.ts';

/** The first custom-object key prefix (a00, a01, ...) no object has. */
function freeKeyPrefix(draft: OrgDraft): string {
  const taken = draft.keyPrefixes();
  for (let n = 0; n < 62 * 62; n++) {
    const prefix = `a${base62(n, 2)}`;
    if (!taken.has(prefix)) return prefix;
  }
  throw new InvalidMutationError('every custom object key prefix is taken');
}

/**
 * Creates a custom object with the standard fields every custom object has (Id, OwnerId, IsDeleted, Name, audit
 * fields; their references listed by User and Group), then its custom fields. It has no companions, record
 * types or records yet.
 */
export function addObject(draft: OrgDraft, mutation: MutationOf<'addObject'>): void {
  const { name } = mutation;
  const existing = draft.find(name);
  if (existing) throw new InvalidMutationError(`there is already an sObject ${existing.name}`);
  const label = mutation.label ?? name.slice(0, -3).replaceAll('_', ' ');
  const labelPlural = mutation.labelPlural ?? `${label}s`;
  const blueprint: ObjectBlueprint = {
    flags: objectFlags(name, label, labelPlural, freeKeyPrefix(draft), { custom: true, feedEnabled: false }),
    fields: [
      idField('Record ID'),
      ownerField(true),
      isDeletedField(),
      blueprintField(
        createField('Name', `${label} Name`, 'string', { length: 80, nameField: true, permissionable: false }),
      ),
      ...auditFields({ activity: true }),
    ],
    recordTypes: [],
    description: mutation.description ?? null,
    isCustomizable: true,
    exposesChildRelationships: true,
  };
  const describe = objectDescribe(blueprint, [], draft.baseUrl, 0);
  draft.add(describe, globalEntry(blueprint, draft.baseUrl), blueprint.description);
  for (const field of describe.fields) {
    if (field.type === 'reference') linkToParents(draft, name, field, null);
  }
  for (const field of mutation.fields ?? []) addField(draft, name, field);
}

/**
 * Removes a custom object and its companions. Salesforce refuses when the object is the master of a
 * master-detail relationship, and so does this. Otherwise the references to it go too: a lookup to it is
 * deleted, a polymorphic reference (Task.WhatId) stops listing it, and the objects it pointed to lose their child
 * relationships; each object so changed gets a new last-modified time.
 */
export function removeObject(draft: OrgDraft, { object }: MutationOf<'removeObject'>): void {
  const target = customizableObject(draft, object);
  if (!target.custom || !target.name.endsWith('__c')) {
    throw new InvalidMutationError(`${target.name} is not a custom object`);
  }
  const all = [...draft.all()];
  const gone = new Set([target.name, ...all.filter((d) => d.associateParentEntity === target.name).map((d) => d.name)]);
  // Companions (a ChangeEvent copies its object's fields) follow their object; the draft keeps them in step.
  const others = all.filter((d) => !gone.has(d.name) && d.associateEntityType === null);
  for (const d of others) {
    const detail = d.fields.find((f) => f.relationshipOrder !== null && f.referenceTo.includes(target.name));
    if (detail) {
      throw new InvalidMutationError(`${target.name} is the master of ${d.name}.${detail.name} (master-detail)`);
    }
  }
  // Roll-up summaries over its records go from their masters with it.
  dropRollupsOver(draft, (r) => gone.has(r.detail) && !gone.has(r.master));
  for (const d of [...draft.all()].filter((x) => !gone.has(x.name))) {
    const listsGone = d.childRelationships.some((r) => gone.has(r.childSObject));
    const references = d.fields.filter((f) => f.type === 'reference' && f.referenceTo.some((t) => gone.has(t)));
    if (!listsGone && (references.length === 0 || d.associateEntityType === 'ChangeEvent')) continue;
    const edited = draft.edit(d.name);
    edited.childRelationships = edited.childRelationships.filter((r) => !gone.has(r.childSObject));
    if (d.associateEntityType === 'ChangeEvent') continue;
    for (const field of references) {
      const remaining = field.referenceTo.filter((t) => !gone.has(t));
      if (remaining.length === 0) {
        dropField(draft, d.name, field);
        continue;
      }
      edited.fields = edited.fields.map((f) =>
        f === field ? { ...f, referenceTo: remaining, polymorphicForeignKey: remaining.length > 1 } : f,
      );
      draft.fieldChanged(d.name, field.name);
    }
  }
  for (const name of gone) draft.remove(name);
}

/** Relabels an object; without labelPlural, the plural is the label with an s. */
export function relabelObject(draft: OrgDraft, mutation: MutationOf<'relabelObject'>): void {
  const { name } = customizableObject(draft, mutation.object);
  const label = mutation.label;
  const labelPlural = mutation.labelPlural ?? `${label}s`;
  const edited = draft.edit(name);
  edited.label = label;
  edited.labelPlural = labelPlural;
  draft.editGlobalEntry(name, (entry) => ({ ...entry, label, labelPlural }));
}
