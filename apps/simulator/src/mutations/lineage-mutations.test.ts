import { describe, expect, it } from 'vitest';
import { generateOrg, type Org } from '../generate-org.ts';
import { FormulaSchema, resolvePath } from '../org/formula-paths.ts';
import { plantedLineage } from '../org/planted-lineage.ts';
import { testOrgSpec } from '../test-support.ts';
import { applyMutations } from './apply-mutations.ts';
import { fieldUsers } from './lineage-usage.ts';
import type { Mutation } from './mutation-schema.ts';
import { orgInconsistencies } from './org-consistency.ts';
import { randomMutations } from './random-mutations.ts';

const org = generateOrg(testOrgSpec({ customObjects: 20, fieldsPerObject: 30 }));
const at = new Date(org.lastModified.getTime() + 60_000);
const apply = (base: Org, ...mutations: Mutation[]) => applyMutations(base, mutations, at).org;
const edgesOf = (o: Org, kind: string) => plantedLineage(o).edges.filter((e) => e.kind === kind);

describe('mutations and planted lineage', () => {
  it('refuse to remove a custom field another object’s formula reads', () => {
    const schema = new FormulaSchema(org.describes.values());
    const cross = org.formulas
      .flatMap((f) => f.paths.map((p) => resolvePath(schema, f.object, p)))
      .find((r) => r && r.hops.length > 0 && r.source.includes('__c.') && r.source.endsWith('__c'))!;
    const [object, field] = cross.source.split('.') as [string, string];
    expect(() => apply(org, { kind: 'removeField', object, field })).toThrow(/is used by the formula of/);
  });

  it('refuse to remove a summarized field, and take roll-ups along with their master-detail field', () => {
    const sum = org.rollups.find((r) => r.summarized !== null)!;
    expect(() => apply(org, { kind: 'removeField', object: sum.detail, field: sum.summarized! })).toThrow(
      `is used by the roll-up summary ${sum.master}.${sum.field}`,
    );
    const over = org.rollups.filter((r) => r.detail === sum.detail && r.relationshipField === sum.relationshipField);
    const next = apply(org, { kind: 'removeField', object: sum.detail, field: sum.relationshipField });
    expect(orgInconsistencies(next)).toEqual([]);
    for (const r of over) {
      expect(next.describes.get(r.master)!.fields.some((f) => f.name === r.field)).toBe(false);
      expect(next.rollups).not.toContainEqual(r);
    }
    expect(edgesOf(next, 'rollup').some((e) => over.some((r) => e.target === `${r.master}.${r.field}`))).toBe(false);
  });

  it('take roll-ups over a removed detail object from its master', () => {
    const isMaster = (name: string) =>
      [...org.describes.values()].some((d) =>
        d.fields.some((f) => f.relationshipOrder !== null && f.referenceTo.includes(name)),
      );
    const r = org.rollups.find((x) => !isMaster(x.detail))!;
    expect(r).toBeDefined();
    const next = apply(org, { kind: 'removeObject', object: r.detail });
    expect(next.describes.get(r.master)!.fields.some((f) => f.name === r.field)).toBe(false);
    expect(next.rollups.some((x) => x.detail === r.detail)).toBe(false);
    expect(orgInconsistencies(next)).toEqual([]);
  });

  it('record the references of a formula set through a mutation', () => {
    const planted = org.formulas.find((f) => f.object.endsWith('__c') && f.origin === 'calculatedFormula')!;
    const next = apply(org, {
      kind: 'setFormula',
      object: planted.object,
      field: planted.field,
      formula: 'IF(ISBLANK(Owner:User.Email), "Name", Name) /* Id */',
    });
    const target = `${planted.object}.${planted.field}`;
    const formulaEdges = edgesOf(next, 'formula').filter((e) => e.target === target);
    const expected = [
      { source: 'User.Email', paths: ['Owner:User.Email'] },
      { source: `${planted.object}.Name`, paths: ['Name'] },
    ].filter((x) => x.paths.every((p) => resolvePath(new FormulaSchema(next.describes.values()), planted.object, p)));
    expect(formulaEdges.map((e) => ({ source: e.source, paths: e.detail.paths }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(formulaEdges).toHaveLength(expected.length);
  });

  it('never make random mutations remove a field a formula, roll-up, Apex or flow uses', () => {
    for (let seed = 0; seed < 6; seed++) {
      let current = org;
      for (const mutation of randomMutations(org, { seed, count: 40 })) {
        if (mutation.kind === 'removeField') {
          const used = fieldUsers(current, true);
          expect(used.has(`${mutation.object}.${mutation.field}`), `seed ${seed}`).toBe(false);
        }
        current = apply(current, mutation);
      }
    }
  });
});
