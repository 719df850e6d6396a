import { describe, expect, it } from 'vitest';
import { demoOrgSpec } from '../demo-org.ts';
import { generateOrg, type Org } from '../generate-org.ts';
import { testOrgSpec } from '../test-support.ts';
import { applyOddAttributes, type OddAttributeKind, oddAttributePlan, UNKNOWN_FIELD_TYPE } from './odd-attributes.ts';

const KINDS: OddAttributeKind[] = ['number-as-string', 'boolean-as-string', 'missing', 'null-list', 'unknown-type'];

const orgs: [string, () => Org][] = [
  ['the demo org', () => generateOrg(demoOrgSpec)],
  ['a 30-custom-object org', () => generateOrg(testOrgSpec({ customObjects: 30 }))],
];

describe.each(orgs)('oddAttributePlan on %s', (_, makeOrg) => {
  it('is deterministic and plants every kind, and recordTypeInfos: null, on at least 3 custom objects', () => {
    const org = makeOrg();
    const plan = oddAttributePlan(org);
    expect(oddAttributePlan(makeOrg())).toEqual(plan);
    expect(new Set(plan.map((p) => p.kind))).toEqual(new Set(KINDS));
    expect(plan).toContainEqual(
      expect.objectContaining({ field: null, attribute: 'recordTypeInfos', kind: 'null-list' }),
    );
    expect(new Set(plan.map((p) => p.object)).size).toBeGreaterThanOrEqual(3);
    for (const p of plan) {
      const describe = org.describes.get(p.object)!;
      expect(describe.custom && p.object.endsWith('__c')).toBe(true);
      if (p.field !== null) expect(describe.fields.map((f) => f.name)).toContain(p.field);
    }
    // One surprise per field, so each stays visible on its own.
    const fields = plan.filter((p) => p.field !== null).map((p) => `${p.object}.${p.field}`);
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('applies the plan to copies, leaving the org untouched', () => {
    const org = makeOrg();
    const plan = oddAttributePlan(org);
    const before = JSON.stringify([...org.describes.values()]);
    for (const p of plan) {
      const describe = org.describes.get(p.object)!;
      const odd = applyOddAttributes(describe, plan);
      const target =
        p.field === null ? odd : (odd.fields as Record<string, unknown>[]).find((f) => f.name === p.field)!;
      const field = describe.fields.find((f) => f.name === p.field);
      const original: Record<string, unknown> = { ...(field ?? describe) };
      const value = original[p.attribute];
      if (p.kind === 'number-as-string') expect([typeof value, target[p.attribute]]).toEqual(['number', String(value)]);
      if (p.kind === 'boolean-as-string')
        expect([typeof value, target[p.attribute]]).toEqual(['boolean', String(value)]);
      if (p.kind === 'missing') expect(target).not.toHaveProperty(p.attribute);
      if (p.kind === 'null-list') expect([Array.isArray(value), target[p.attribute]]).toEqual([true, null]);
      if (p.kind === 'unknown-type')
        expect(target).toMatchObject({ type: UNKNOWN_FIELD_TYPE, soapType: original.soapType });
    }
    expect(JSON.stringify([...org.describes.values()])).toBe(before);
  });
});

describe('applyOddAttributes', () => {
  it('leaves objects outside the plan as they are', () => {
    const org = generateOrg(demoOrgSpec);
    const plan = oddAttributePlan(org);
    const account = org.describes.get('Account')!;
    expect(applyOddAttributes(account, plan)).toEqual(account);
  });

  it('plans nothing for an org without custom objects', () => {
    expect(oddAttributePlan(generateOrg(testOrgSpec({ customObjects: 0 })))).toEqual([]);
  });
});
