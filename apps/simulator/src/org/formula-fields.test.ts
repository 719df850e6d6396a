import { describe, expect, it } from 'vitest';
import type { FieldDescribe } from '../describe-types.ts';
import { generateOrg } from '../generate-org.ts';
import { testOrgSpec } from '../test-support.ts';
import { FormulaSchema, resolvePath } from './formula-paths.ts';

const org = generateOrg(testOrgSpec({ customObjects: 20, fieldsPerObject: 30 }));
const fieldOf = (object: string, name: string) => org.describes.get(object)?.fields.find((f) => f.name === name);
const planted = org.formulas.map((p) => ({ ...p, describe: fieldOf(p.object, p.field)! }));
const calculated = planted.filter((p) => p.origin === 'calculatedFormula').map((p) => p.describe.calculatedFormula!);
const all = planted.map((p) => p.describe[p.origin]!);
const code = (formula: string) => formula.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');

/** A light check of formula syntax: balanced parentheses and quotes, known functions, no stray characters. */
function syntaxProblems(formula: string): string[] {
  const problems: string[] = [];
  const stripped = code(formula);
  if ((formula.match(/"/g)?.length ?? 0) % 2 !== 0) problems.push('odd number of quotes');
  let depth = 0;
  for (const c of stripped) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) problems.push('closes a parenthesis never opened');
  }
  if (depth !== 0) problems.push('unbalanced parentheses');
  const known =
    /^(IF|CASE|TEXT|ISPICKVAL|BLANKVALUE|ISBLANK|DATEVALUE|HYPERLINK|ROUND|AND|OR|NOT|LEFT|CONTAINS|UPPER|TODAY|NOW)$/;
  for (const [, name] of stripped.matchAll(/([A-Za-z_]\w*)\s*\(/g)) if (!known.test(name!)) problems.push(name!);
  if (/[;{}[\]]/.test(stripped)) problems.push('stray punctuation');
  return problems;
}

describe('generated formulas', () => {
  it('write cross-object paths several hops deep, through custom lookups and polymorphic owners', () => {
    expect(calculated.some((f) => f.includes('Account.Owner.Manager.Email'))).toBe(true);
    expect(fieldOf('User', 'ManagerId')).toMatchObject({ referenceTo: ['User'], relationshipName: 'Manager' });
    expect(calculated.some((f) => /\b\w+__r\.\w+/.test(f))).toBe(true);
    expect(calculated.some((f) => f.includes('Owner:User.'))).toBe(true);
    const paths = planted.flatMap((p) => p.paths);
    expect(paths.some((p) => !p.startsWith('$') && p.split('.').length >= 4)).toBe(true);
  });

  it('use functions, string literals and comments that look like fields, and globals', () => {
    const text = calculated.join('\n');
    for (const fn of ['IF(', 'CASE(', 'TEXT(', 'ISPICKVAL(', 'BLANKVALUE(', 'ISBLANK(', 'DATEVALUE(', 'HYPERLINK(']) {
      expect(text, fn).toContain(fn);
    }
    for (const fn of ['ROUND(', 'AND(', 'OR(', 'LEFT(', 'CONTAINS(']) expect(text, fn).toContain(fn);
    expect(text).toContain('"Account.Name"');
    expect(text).toMatch(/\/\* [^*]*Owner\.Email[^*]*\*\//);
    for (const global of ['$User.Email', '$Organization.Name', '$Profile.Name', '$RecordType.Name', '$Label.']) {
      expect(text, global).toContain(global);
    }
    expect(text).toContain('$Setup.Org_Settings__c.');
    expect(org.describeGlobal.sobjects.find((s) => s.name === 'Org_Settings__c')).toMatchObject({
      customSetting: true,
      custom: true,
    });
  });

  it('gives some fields a default value formula', () => {
    const defaults = planted.filter((p) => p.origin === 'defaultValueFormula').map((p) => p.describe);
    expect(defaults.some((f) => f.defaultValueFormula === '$User.Email' && f.type === 'email')).toBe(true);
    expect(defaults.some((f) => f.defaultValueFormula === 'TODAY() + 30' && f.type === 'date')).toBe(true);
    for (const f of defaults) expect(f).toMatchObject({ calculated: false, calculatedFormula: null });
  });

  it('are valid formulas whose result type is the field type, each reference recorded as written', () => {
    const schema = new FormulaSchema(org.describes.values());
    for (const p of planted) {
      const formula = p.describe[p.origin]!;
      expect(syntaxProblems(formula), formula).toEqual([]);
      for (const path of p.paths) {
        expect(code(formula), `${formula} writes ${path}`).toContain(path);
        expect(resolvePath(schema, p.object, path), `${p.object}: ${path}`).toBeTruthy();
      }
    }
    const typeOf = (formula: string): FieldDescribe['type'][] => {
      if (/^(AND|OR)\(/.test(formula)) return ['boolean'];
      if (/^(DATEVALUE|IF\(ISBLANK\([^)]*\), TODAY\(\))/.test(formula)) return ['date'];
      if (/^(ROUND|IF\(ISBLANK\([^)]*\), 0|BLANKVALUE\([^,]*, 0\) \+)/.test(formula)) {
        return ['double', 'currency', 'percent'];
      }
      return [];
    };
    for (const p of planted.filter((x) => x.origin === 'calculatedFormula')) {
      const expected = typeOf(p.describe.calculatedFormula!);
      if (expected.length > 0) expect(expected, `${p.object}.${p.field}`).toContain(p.describe.type);
      if (/^(IF\(ISBLANK|CASE|HYPERLINK|BLANKVALUE\([^,]*, \$)/.test(p.describe.calculatedFormula!)) {
        expect(['string', 'date', 'double', 'currency', 'percent']).toContain(p.describe.type);
      }
      expect(p.describe).toMatchObject({ calculated: true, createable: false, updateable: false });
    }
    expect(all.length).toBeGreaterThan(30);
  });

  it('keep a number formula reading the number field before it, as mutations expect', () => {
    const custom = planted.filter((p) => p.object.endsWith('__c') && p.origin === 'calculatedFormula');
    const numeric = custom.filter((p) => ['double', 'currency', 'percent'].includes(p.describe.type));
    expect(numeric.length).toBeGreaterThan(0);
    for (const p of numeric) {
      const source = org.describes
        .get(p.object)!
        .fields.find(
          (f) =>
            f.custom &&
            !f.calculated &&
            f.compoundFieldName === null &&
            ['int', 'double', 'currency', 'percent'].includes(f.type),
        );
      expect(p.paths).toContain(source!.name);
    }
  });
});

describe('roll-up summary fields', () => {
  it('sit on masters of master-detail relationships as calculated read-only numbers without a formula', () => {
    expect(org.rollups.length).toBeGreaterThan(0);
    expect(new Set(org.rollups.map((r) => r.operation))).toEqual(new Set(['COUNT', 'SUM', 'MIN', 'MAX']));
    for (const r of org.rollups) {
      const field = fieldOf(r.master, r.field)!;
      expect(field).toMatchObject({ calculated: true, calculatedFormula: null, createable: false, updateable: false });
      const link = fieldOf(r.detail, r.relationshipField)!;
      expect(link.relationshipOrder).not.toBeNull();
      expect(link.referenceTo).toEqual([r.master]);
      if (r.summarized === null) {
        expect(r.operation).toBe('COUNT');
        expect(field.type).toBe('double');
      } else {
        const summarized = fieldOf(r.detail, r.summarized)!;
        expect(['int', 'double', 'currency', 'percent']).toContain(summarized.type);
        expect(field.type).toBe(summarized.type === 'int' ? 'double' : summarized.type);
      }
    }
  });
});
