import type { Org } from '@sfmeta/simulator/generate-org';
import type { ApiClient } from './api-client.ts';

/** Descriptions the org has on a sample of objects, and how many of them a catalog (or a crawl) holds. */
export interface DescriptionCheck {
  objects: number;
  objectDescriptions: { expected: number; found: number };
  fieldDescriptions: { expected: number; found: number };
  /** The first differences, `Object.Field: expected … got …`. */
  mismatches: string[];
}

interface CatalogObject {
  description: string | null;
  fields: { name: string; description: string | null }[];
}

/** `count` object names spread evenly over the org's sorted list. */
export function sampleObjects(org: Org, count: number): string[] {
  const names = [...org.describes.keys()].sort();
  const step = names.length / Math.min(count, names.length);
  return Array.from({ length: Math.min(count, names.length) }, (_, i) => names[Math.floor(i * step)]!);
}

/** Compares the descriptions a source gives for `sample` with what the org holds (the simulator's generated org). */
async function check(
  org: Org,
  sample: readonly string[],
  read: (name: string) => Promise<{ object?: string | null; fields: Map<string, string | null> }>,
): Promise<DescriptionCheck> {
  const result: DescriptionCheck = {
    objects: sample.length,
    objectDescriptions: { expected: 0, found: 0 },
    fieldDescriptions: { expected: 0, found: 0 },
    mismatches: [],
  };
  const differ = (what: string, expected: string | null, got: string | null | undefined) => {
    if ((got ?? null) === expected) return false;
    if (result.mismatches.length < 5) result.mismatches.push(`${what}: expected ${expected} got ${got}`);
    return true;
  };
  for (const name of sample) {
    const entity = org.entities.get(name);
    const got = await read(name);
    const objectDescription = entity?.description ?? null;
    if (objectDescription !== null) result.objectDescriptions.expected++;
    if ('object' in got && !differ(name, objectDescription, got.object) && objectDescription !== null) {
      result.objectDescriptions.found++;
    }
    for (const field of org.describes.get(name)!.fields) {
      const expected = entity?.fields.get(field.name)?.description ?? null;
      if (expected !== null) result.fieldDescriptions.expected++;
      if (!differ(`${name}.${field.name}`, expected, got.fields.get(field.name)) && expected !== null) {
        result.fieldDescriptions.found++;
      }
    }
  }
  return result;
}

/** The descriptions of a run's catalog, read object by object through the API (`GET .../objects/NAME?run=`). */
export function checkCatalog(
  api: ApiClient,
  connectionId: string,
  runId: string,
  org: Org,
  sample: readonly string[],
): Promise<DescriptionCheck> {
  return check(org, sample, async (name) => {
    const path = `/api/v1/connections/${connectionId}/objects/${encodeURIComponent(name)}?run=${runId}`;
    const { status, body } = await api.call<CatalogObject>('GET', path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
    return { object: body.description, fields: new Map(body.fields.map((f) => [f.name, f.description])) };
  });
}

/** The field descriptions a per-object crawl read (it reads no object descriptions). */
export function checkCrawl(
  fieldDescriptions: ReadonlyMap<string, ReadonlyMap<string, string>>,
  org: Org,
  sample: readonly string[],
): Promise<DescriptionCheck> {
  return check(org, sample, async (name) => ({ fields: new Map(fieldDescriptions.get(name) ?? []) }));
}
