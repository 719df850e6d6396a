import type { CatalogIndex, IndexedObject } from './catalog-index.ts';
import type { LineageField, LineageObject } from './lineage-types.ts';

/** Where a field path leads: the field at its end, or why it leads nowhere. */
export type PathResolution = { ok: true; object: LineageObject; field: LineageField } | { ok: false; message: string };

const fail = (message: string): PathResolution => ({ ok: false, message });

const listed = (names: readonly string[]): string => (names.length === 0 ? 'nothing' : names.join(', '));

// One relationship hop: `Account`, `Parent__r`, or a polymorphic hop that names its type, `Owner:User`.
const followHop = (index: CatalogIndex, from: IndexedObject, hop: string): IndexedObject | string => {
  const colon = hop.indexOf(':');
  const relationship = colon < 0 ? hop : hop.slice(0, colon);
  const type = colon < 0 ? undefined : hop.slice(colon + 1);
  const owner = from.object.name;
  const field = from.fieldsByRelationship.get(relationship.toLowerCase());
  if (field === undefined) return `${owner} has no relationship named ${relationship}`;
  const targets: readonly string[] = Array.isArray(field.referenceTo) ? field.referenceTo : [];
  const via = `${owner}.${field.name}`;
  let target: string | undefined;
  if (type !== undefined) {
    target = targets.find(
      (candidate) => typeof candidate === 'string' && candidate.toLowerCase() === type.toLowerCase(),
    );
    if (target === undefined) return `${hop}: ${via} references ${listed(targets)}, not ${type}`;
  } else if (targets.length === 1) {
    target = targets[0]!;
  } else if (targets.length === 0) {
    return `${hop}: ${via} references no object`;
  } else {
    const example = `${relationship}:${targets[0]}`;
    return `${hop}: ${via} is polymorphic (${listed(targets)}) and the path names no type, as in ${example}`;
  }
  return index.object(target) ?? `${hop}: ${target} (through ${via}) is not in the catalog`;
};

/**
 * Follows a field path from an object, as a formula writes it: every element but the last is a relationship name
 * (`Owner:User` for a polymorphic one), the last a field of the object reached. Names match whatever their case.
 */
export function resolveFieldPath(index: CatalogIndex, from: IndexedObject, path: readonly string[]): PathResolution {
  if (path.length === 0) return fail('the path is empty');
  let current = from;
  for (let at = 0; at < path.length - 1; at += 1) {
    const next = followHop(index, current, path[at]!);
    if (typeof next === 'string') return fail(next);
    current = next;
  }
  const name = path[path.length - 1]!;
  const field = current.fieldsByName.get(name.toLowerCase());
  if (field === undefined) return fail(`${current.object.name} has no field named ${name}`);
  return { ok: true, object: current.object, field };
}
