import type { Prng } from '../prng.ts';
import type { ObjectBlueprint } from './blueprint.ts';

// Sizes of objects whose rows the simulator generates in full (Report, Dashboard) or that are small by nature.
const FIXED: Record<string, [number, number]> = {
  Report: [20, 60],
  Dashboard: [5, 20],
  Profile: [15, 40],
  UserRole: [5, 30],
  Group: [3, 25],
  User: [5, 400],
};

/** Row counts per queryable object: zero for some, up to a few million for the big ones, as real orgs look. */
export function recordCounts(
  blueprints: readonly ObjectBlueprint[],
  recordTypes: number,
  prng: Prng,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const bp of blueprints) {
    if (!bp.flags.queryable) continue;
    const name = bp.flags.name;
    const fixed = FIXED[name];
    if (fixed) counts.set(name, prng.int(fixed[0], fixed[1]));
    else if (name === 'RecordType') counts.set(name, recordTypes);
    else counts.set(name, prng.chance(0.2) ? 0 : Math.floor(10 ** (prng.next() * 6.4)));
  }
  return counts;
}
