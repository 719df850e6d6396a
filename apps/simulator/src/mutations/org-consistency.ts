import type { Org } from '../generate-org.ts';
import { CHANGE_EVENT_HEADER_FIELDS, changeEventCopies, companionName } from '../org/companion-objects.ts';
import { setupInconsistencies } from './setup-consistency.ts';

/**
 * Every way an org's parts can disagree, one line each; empty when they agree. Tests hold generated and mutated
 * orgs to it: lists, times and Tooling metadata cover the same objects and fields, references point at objects
 * that exist and list them back as child relationships, a ChangeEvent copies its object's fields, and reports,
 * dashboards and Apex agree with the objects and users (setupInconsistencies).
 */
export function orgInconsistencies(org: Org): string[] {
  const problems: string[] = [];
  const names = [...org.describes.keys()];
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.join() !== sorted.join()) problems.push('describes are not sorted by name');
  if (org.describeGlobal.sobjects.map((s) => s.name).join() !== names.join()) {
    problems.push('describeGlobal does not list the describes');
  }
  const latest = Math.max(org.listModified.getTime(), ...[...org.objectsModified.values()].map((d) => d.getTime()));
  if (org.lastModified.getTime() !== latest) problems.push('lastModified is not the latest change');
  for (const [name, describe] of org.describes) {
    const entry = org.describeGlobal.sobjects.find((s) => s.name === name);
    if (entry?.label !== describe.label || entry.labelPlural !== describe.labelPlural) {
      problems.push(`${name}: describeGlobal and describe labels differ`);
    }
    if (!org.objectsModified.has(name)) problems.push(`${name}: no last-modified time`);
    const entity = org.entities.get(name);
    const fieldNames = describe.fields.map((f) => f.name);
    if (!entity) problems.push(`${name}: no Tooling metadata`);
    else if ([...entity.fields.keys()].sort().join() !== [...fieldNames].sort().join()) {
      problems.push(`${name}: Tooling fields differ from the describe's`);
    }
    if (new Set(fieldNames.map((n) => n.toLowerCase())).size !== fieldNames.length) {
      problems.push(`${name}: duplicate field names`);
    }
    for (const field of describe.fields) {
      for (const target of field.referenceTo) {
        const parent = org.describes.get(target);
        if (!parent) problems.push(`${name}.${field.name} points at missing ${target}`);
        else if (
          describe.associateEntityType !== 'ChangeEvent' &&
          !parent.childRelationships.some((r) => r.childSObject === name && r.field === field.name)
        ) {
          problems.push(`${target} does not list ${name}.${field.name}`);
        }
      }
    }
    for (const rel of describe.childRelationships) {
      const child = org.describes.get(rel.childSObject)?.fields.find((f) => f.name === rel.field);
      if (!child?.referenceTo.includes(name)) problems.push(`${name} lists ${rel.childSObject}.${rel.field} wrongly`);
    }
    const relationshipNames = describe.childRelationships.map((r) => r.relationshipName).filter((n) => n !== null);
    if (new Set(relationshipNames).size !== relationshipNames.length) {
      problems.push(`${name}: duplicate relationship names`);
    }
    const event = org.describes.get(companionName(name, 'ChangeEvent'));
    if (event && describe.associateEntityType === null) {
      const copies = event.fields.filter((f) => !CHANGE_EVENT_HEADER_FIELDS.includes(f.name));
      const expected = changeEventCopies(describe.fields);
      if (JSON.stringify(copies) !== JSON.stringify(expected)) problems.push(`${event.name} does not copy ${name}`);
    }
  }
  for (const name of [...org.entities.keys(), ...org.objectsModified.keys(), ...org.recordCounts.keys()]) {
    if (!org.describes.has(name)) problems.push(`${name} is gone but still has metadata`);
  }
  problems.push(...setupInconsistencies(org));
  return problems;
}
