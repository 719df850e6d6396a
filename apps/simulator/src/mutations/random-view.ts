import type { SObjectDescribe } from '../describe-types.ts';
import type { Org } from '../generate-org.ts';
import type { Prng } from '../prng.ts';
import type { Mutation } from './mutation-schema.ts';

/** What the random mutation generators read: the org as the mutations so far left it. */
export interface View {
  org: Org;
  prng: Prng;
  /** Objects an admin may change, in the org's order. */
  customizable: SObjectDescribe[];
}

/** A random item that passes `ok`: a few random draws, then a scan from a random start; undefined when none does. */
export function pickWhere<T>(prng: Prng, items: readonly T[], ok: (item: T) => boolean): T | undefined {
  if (items.length === 0) return undefined;
  for (let i = 0; i < 8; i++) {
    const item = prng.pick(items);
    if (ok(item)) return item;
  }
  const start = prng.int(0, items.length - 1);
  for (let i = 0; i < items.length; i++) {
    const item = items[(start + i) % items.length]!;
    if (ok(item)) return item;
  }
  return undefined;
}

/** Makes a valid mutation of one kind for the org as it is, or undefined when there is none. */
export type Generator = (view: View) => Mutation | undefined;
