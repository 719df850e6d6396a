import type { FieldDescribe } from '../describe-types.ts';
import type { OrgDraft } from './org-draft.ts';

/**
 * A child relationship name for a new lookup that no other child relationship of `parent` has, as Salesforce
 * requires: the child's plural label, then prefixed with the field, then numbered; custom ones end in `__r`.
 */
export function childRelationshipName(draft: OrgDraft, parent: string, child: string, field: string): string {
  const taken = new Set(
    draft
      .get(parent)
      .childRelationships.map((r) => r.relationshipName?.replace(/__r$/, '').toLowerCase())
      .filter((n) => n !== undefined),
  );
  const plural = draft.get(child).labelPlural.replace(/[^A-Za-z0-9]+/g, '_');
  const fallback = `${field.replace(/__c$/, '')}_${plural}`;
  let name = plural;
  for (let n = 2; taken.has(name.toLowerCase()); n++)
    name = taken.has(fallback.toLowerCase()) ? `${fallback}${n}` : fallback;
  return `${name}__r`;
}

/** Lists a reference field of `child` among the child relationships of each object it points to. */
export function linkToParents(draft: OrgDraft, child: string, field: FieldDescribe, name: string | null): void {
  for (const parent of field.referenceTo) {
    if (!draft.find(parent)) continue;
    draft.edit(parent).childRelationships.push({
      cascadeDelete: field.cascadeDelete,
      childSObject: child,
      deprecatedAndHidden: false,
      field: field.name,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: name,
      restrictedDelete: field.restrictedDelete,
    });
  }
}

/** Takes a reference field of `child` out of the child relationships of the objects it points to. */
export function unlinkFromParents(draft: OrgDraft, child: string, field: FieldDescribe): void {
  for (const target of field.referenceTo) {
    const parent = draft.find(target);
    const listed = (r: { childSObject: string; field: string }) => r.childSObject === child && r.field === field.name;
    if (!parent?.childRelationships.some(listed)) continue;
    const edited = draft.edit(parent.name);
    edited.childRelationships = edited.childRelationships.filter((r) => !listed(r));
  }
}
