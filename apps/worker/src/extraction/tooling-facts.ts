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
  return scope.descriptions ? facts : { ...facts, description: null };
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
 */
export function withToolingFacts(
  describes: readonly ObjectDescribe[],
  metadata: ReadonlyMap<string, ObjectMetadata> | undefined,
  scope: ExtractionScope,
): ObjectDescribe[] {
  if (!metadata) return [...describes];
  return describes.map((describe) => {
    const object = metadata.get(describe.name);
    const fields = Array.isArray(describe.fields)
      ? describe.fields.map((field: unknown) => {
          if (typeof field !== 'object' || field === null || Array.isArray(field)) return field;
          const name = (field as { name?: unknown }).name;
          const facts = typeof name === 'string' ? object?.fields.get(name) : undefined;
          return { ...field, [toolingKey]: scoped(facts, scope) };
        })
      : describe.fields;
    return { ...describe, fields, [toolingKey]: scoped(object && originOf(object), scope) };
  });
}
