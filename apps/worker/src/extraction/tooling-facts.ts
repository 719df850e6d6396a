import type { ExtractionScope } from '@sfmeta/catalog/extraction-scope';
import type { ObjectDescribe } from '@sfmeta/salesforce/describe-objects';
import { type MetadataOrigin, type ObjectMetadata, unknownOrigin } from '@sfmeta/salesforce/object-metadata';

/**
 * The key under which an object's or a field's Tooling facts (description, namespace, dates, owners) are
 * stored next to its describe. Salesforce's keys never start with `$`, so it cannot collide with one.
 */
export const toolingKey = '$tooling';

/** The facts the scope asks for: without `descriptions`, the description is left out (null). */
function scoped(origin: MetadataOrigin | undefined, scope: ExtractionScope): MetadataOrigin {
  const facts = { ...unknownOrigin, ...origin };
  if (!scope.descriptions) facts.description = null;
  return facts;
}

/** Whether a scope wants Tooling facts read with the describes. */
export function wantsToolingFacts(scope: ExtractionScope): boolean {
  return scope.descriptions || scope.owners;
}

function originOf({ fields: _fields, ...origin }: ObjectMetadata): MetadataOrigin {
  return origin;
}

/**
 * Each describe with its Tooling facts under `$tooling`, and each of its fields with theirs (an object or
 * field Tooling did not list gets the key with nulls, so that it is known to have been asked). Describes
 * are left as they are when `metadata` is undefined: the facts were refused or are not wanted.
 *
 * The facts are added to the describes themselves, which the caller must own (the describe job's are
 * its own, answered for it alone): copying every field of a hundred describes costs more than the rest
 * of the merge.
 */
export function withToolingFacts(
  describes: readonly ObjectDescribe[],
  metadata: ReadonlyMap<string, ObjectMetadata> | undefined,
  scope: ExtractionScope,
): ObjectDescribe[] {
  if (!metadata) return [...describes];
  for (const describe of describes) {
    const object = metadata.get(describe.name);
    if (Array.isArray(describe.fields)) {
      for (const field of describe.fields as unknown[]) {
        if (typeof field !== 'object' || field === null || Array.isArray(field)) continue;
        const name = (field as { name?: unknown }).name;
        const facts = typeof name === 'string' ? object?.fields.get(name) : undefined;
        (field as Record<string, unknown>)[toolingKey] = scoped(facts, scope);
      }
    }
    (describe as Record<string, unknown>)[toolingKey] = scoped(object && originOf(object), scope);
  }
  return [...describes];
}
