import { describe, expect, it } from 'vitest';
import { generateOrg, type Org } from '../generate-org.ts';
import { testOrgSpec } from '../test-support.ts';
import { applyMutations } from './apply-mutations.ts';
import { orgInconsistencies } from './org-consistency.ts';
import { MUTATION_SCHEMAS } from './mutation-schema.ts';
import { randomMutations } from './random-mutations.ts';

const OBJECT_KINDS = {
  addObject: 1,
  removeObject: 1,
  addField: 1,
  removeField: 1,
  relabelObject: 1,
  relabelField: 1,
  setPicklistValues: 1,
  setFormula: 1,
};

const serialize = (org: Org) =>
  JSON.stringify({
    global: org.describeGlobal,
    describes: [...org.describes],
    entities: [...org.entities].map(([name, e]) => [name, e.durableId, e.description, [...e.fields]]),
    counts: [...org.recordCounts],
    setup: [org.reports, org.dashboards, org.apexClasses, org.apexTriggers],
  });

describe('randomMutations', () => {
  const org = generateOrg(testOrgSpec({ customObjects: 12, fieldsPerObject: 26 }));
  const at = new Date(org.lastModified.getTime() + 5000);

  it('is pure and seeded: the same org and seed give the same mutations, another seed others', () => {
    const before = serialize(org);
    const mutations = randomMutations(org, { seed: 1, count: 30 });
    expect(mutations).toHaveLength(30);
    expect(randomMutations(org, { seed: 1, count: 30 })).toEqual(mutations);
    expect(randomMutations(org, { seed: 2, count: 30 })).not.toEqual(mutations);
    expect(randomMutations(org, { seed: 1, count: 0 })).toEqual([]);
    expect(serialize(org)).toBe(before);
  });

  it('mixes every kind of mutation, objects and fields most', () => {
    const mutations = randomMutations(org, { seed: 3, count: 400 });
    expect([...new Set(mutations.map((m) => m.kind))].sort()).toEqual(Object.keys(MUTATION_SCHEMAS).sort());
    const objectKinds = mutations.filter((m) => m.kind in OBJECT_KINDS).length;
    expect(objectKinds / mutations.length).toBeGreaterThan(0.5);
  });

  // The property the crawler's tests rely on: whatever the seed, the mutations apply and leave a coherent org.
  it('gives mutations that apply in one batch and leave the org consistent, for many seeds', () => {
    expect(orgInconsistencies(org)).toEqual([]);
    for (let seed = 0; seed < 25; seed++) {
      const mutations = randomMutations(org, { seed, count: 20 });
      const { org: mutated, result } = applyMutations(org, mutations, at);
      expect(orgInconsistencies(mutated), `seed ${seed}`).toEqual([]);
      expect(result.modifiedAt, `seed ${seed}`).toBe(at.toISOString());
      // Applied again, from the same start, they give the same org byte for byte.
      expect(serialize(applyMutations(org, mutations, at).org), `seed ${seed}`).toBe(serialize(mutated));
    }
    // 25 seeds of pure computation: seconds on a loaded CI machine, where the 5 s default cut it short.
  }, 60_000);

  it('keeps making valid mutations over several rounds, each round from the org the last one left', () => {
    let current = org;
    for (let round = 0; round < 5; round++) {
      const mutations = randomMutations(current, { seed: round, count: 25 });
      current = applyMutations(current, mutations, new Date(at.getTime() + round * 1000)).org;
      expect(orgInconsistencies(current), `round ${round}`).toEqual([]);
    }
  });
});
