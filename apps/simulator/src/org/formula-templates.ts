import type { Prng } from '../prng.ts';
import { type FieldPath, type FormulaSchema, type OperandKind, randomPath, resolvePath } from './formula-paths.ts';

/** The hierarchy custom setting formulas read through `$Setup`, and two of its fields. */
export interface SettingFields {
  object: string;
  /** A percent field (Default_Discount__c). */
  rate: string;
  /** A currency field (Approval_Threshold__c). */
  amount: string;
  /** An email field (Support_Email__c). */
  email: string;
}

/** What a template may use: the object the formula lives on, the objects it can reach, and the PRNG. */
export interface TemplateContext {
  schema: FormulaSchema;
  object: string;
  prng: Prng;
  setting: SettingFields | undefined;
  /** A number field of the object the formula must read (custom-object formulas always read one). */
  source: string | undefined;
}

/** What a formula returns, which the field's type follows. */
export type ResultKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime';

/** Collects the references a formula makes, each once, as written. */
export class FormulaWriter {
  readonly paths: string[] = [];

  /** Records a reference that reads a field and gives it back to be written. */
  ref(path: string): string {
    if (!this.paths.includes(path)) this.paths.push(path);
    return path;
  }
}

/** A way of writing a formula of one result kind; undefined when the object offers nothing it needs. */
export interface FormulaTemplate {
  name: string;
  result: ResultKind;
  write(ctx: TemplateContext, w: FormulaWriter): string | undefined;
}

/** A formula string literal. */
const quote = (text: string) => `"${text.replace(/(["\\])/g, '\\$1')}"`;

/** A field of the wanted kinds reached from the object; on custom objects, often through a custom lookup first. */
function find(ctx: TemplateContext, kinds: OperandKind[], minHops: number, maxHops: number): FieldPath | undefined {
  const { schema, object, prng } = ctx;
  if (object.endsWith('__c') && maxHops > 0 && prng.chance(0.6)) {
    const custom = randomPath(schema, object, prng, kinds, {
      minHops: Math.max(1, minHops),
      maxHops,
      firstHop: (segment) => segment.endsWith('__r'),
    });
    if (custom) return custom;
  }
  return randomPath(schema, object, prng, kinds, { minHops, maxHops });
}

/** The first of `candidates` that resolves to a field from the object. */
function firstResolving(ctx: TemplateContext, candidates: string[]): string | undefined {
  return candidates.find((path) => resolvePath(ctx.schema, ctx.object, path));
}

/** A value a picklist reached by `path` has: ISPICKVAL and CASE must name real values. */
function picklistValue(path: FieldPath, index = 0): string | undefined {
  const values = path.field.picklistValues.filter((v) => v.active);
  return values[Math.min(index, values.length - 1)]?.value;
}

const nameFieldOf = (ctx: TemplateContext) => ctx.schema.object(ctx.object)?.fields.find((f) => f.nameField)?.name;

const number = (ctx: TemplateContext, w: FormulaWriter) => {
  const path = ctx.source ?? find(ctx, ['number'], 0, 1)?.path;
  return path === undefined ? undefined : w.ref(path);
};

/** The templates, several per result kind, each showing a trap for a formula reader. */
export const FORMULA_TEMPLATES: readonly FormulaTemplate[] = [
  {
    name: 'deepPath',
    result: 'text',
    write(ctx, w) {
      const deep =
        firstResolving(ctx, ['Account.Owner.Manager.Email', 'Owner:User.Manager.Email', 'Owner.Manager.Email']) ??
        find(ctx, ['text'], 2, 3)?.path;
      if (deep === undefined) return undefined;
      return `IF(ISBLANK(${w.ref(deep)}), ${w.ref('$User.Email')}, ${deep}) /* Owner.Email when there is no manager */`;
    },
  },
  {
    name: 'picklistCase',
    result: 'text',
    write(ctx, w) {
      const choice = find(ctx, ['picklist'], 0, 1);
      const other = find(ctx, ['picklist'], 0, 1);
      if (!choice || !other) return undefined;
      const [a, b] = [picklistValue(choice, 0), picklistValue(choice, 1)];
      if (a === undefined || b === undefined || a === b) return undefined;
      return (
        `CASE(${w.ref(choice.path)}, ${quote(a)}, "Tier 1", ${quote(b)}, "Tier 2", "Other")` +
        ` & " - " & TEXT(${w.ref(other.path)})`
      );
    },
  },
  {
    name: 'hyperlink',
    result: 'text',
    write(ctx, w) {
      const name = nameFieldOf(ctx);
      if (name === undefined || !ctx.schema.field(ctx.object, 'Id')) return undefined;
      return `HYPERLINK("/" & ${w.ref('Id')}, ${w.ref(name)}, "_blank")`;
    },
  },
  {
    name: 'literalLooksLikeField',
    result: 'text',
    write(ctx, w) {
      const text = find(ctx, ['text'], 0, 1);
      if (!text) return undefined;
      const t = w.ref(text.path);
      return `IF(CONTAINS(${t}, "Account.Name"), "Account.Name", LEFT(${t}, 40))`;
    },
  },
  {
    name: 'organizationAndProfile',
    result: 'text',
    write(ctx, w) {
      const text = find(ctx, ['text'], 0, 1);
      if (!text || !ctx.schema.object('Organization')) return undefined;
      const org = w.ref('$Organization.Name');
      return `BLANKVALUE(${w.ref(text.path)}, ${org}) & " (" & ${w.ref('$Profile.Name')} & ")"`;
    },
  },
  {
    name: 'label',
    result: 'text',
    write(ctx, w) {
      const text = find(ctx, ['text'], 0, 1);
      if (!text) return undefined;
      const t = w.ref(text.path);
      return `IF(ISBLANK(${t}), $Label.Missing_Value, UPPER(${t}))`;
    },
  },
  {
    name: 'recordType',
    result: 'text',
    write(ctx, w) {
      const choice = find(ctx, ['picklist'], 0, 0);
      if (!choice || !ctx.schema.field(ctx.object, 'RecordTypeId')) return undefined;
      return `${w.ref('$RecordType.Name')} & ": " & TEXT(${w.ref(choice.path)})`;
    },
  },
  {
    name: 'polymorphicOwner',
    result: 'text',
    write(ctx, w) {
      const owner = ctx.schema.field(ctx.object, 'OwnerId');
      if (!owner || owner.referenceTo.length < 2 || !owner.referenceTo.includes('User')) return undefined;
      const email = w.ref('Owner:User.Email');
      return (
        `IF(ISBLANK(${email}), ${w.ref('$User.Email')}, ` +
        `${w.ref('Owner:User.FirstName')} & " " & ${w.ref('Owner:User.LastName')})`
      );
    },
  },
  {
    name: 'picklistCheck',
    result: 'boolean',
    write(ctx, w) {
      const choice = find(ctx, ['picklist'], 0, 1);
      const text = find(ctx, ['text'], 0, 1);
      const value = choice && picklistValue(choice);
      if (!choice || !text || value === undefined) return undefined;
      return `AND(ISPICKVAL(${w.ref(choice.path)}, ${quote(value)}), NOT(ISBLANK(${w.ref(text.path)})))`;
    },
  },
  {
    name: 'anyOf',
    result: 'boolean',
    write(ctx, w) {
      const text = find(ctx, ['text'], 0, 1);
      const other = find(ctx, ['text', 'date', 'number'], 0, 1);
      const email = firstResolving(ctx, ['Owner:User.Email', 'Owner.Email', 'CreatedBy.Email']);
      if (!text || !other || email === undefined) return undefined;
      return (
        `OR(CONTAINS(${w.ref(text.path)}, "Owner.Email"), ISBLANK(${w.ref(other.path)}), ` +
        `${w.ref('$User.Email')} = ${w.ref(email)})`
      );
    },
  },
  {
    name: 'rounded',
    result: 'number',
    write(ctx, w) {
      const n = number(ctx, w);
      return n === undefined ? undefined : `ROUND(${n} * 1.1, 2)`;
    },
  },
  {
    name: 'customSetting',
    result: 'number',
    write(ctx, w) {
      const { setting } = ctx;
      const n = number(ctx, w);
      if (n === undefined || !setting) return undefined;
      return `IF(ISBLANK(${n}), 0, ${n}) * (1 - ${w.ref(`$Setup.${setting.object}.${setting.rate}`)})`;
    },
  },
  {
    name: 'crossObjectSum',
    result: 'number',
    write(ctx, w) {
      const n = number(ctx, w);
      const other = find(ctx, ['number'], 1, 2);
      if (n === undefined || !other) return undefined;
      return `BLANKVALUE(${n}, 0) + BLANKVALUE(${w.ref(other.path)}, 0)`;
    },
  },
  {
    name: 'picklistWeight',
    result: 'number',
    write(ctx, w) {
      const n = number(ctx, w);
      const choice = find(ctx, ['picklist'], 0, 1);
      const value = choice && picklistValue(choice);
      if (n === undefined || !choice || value === undefined) return undefined;
      return `${n} * IF(ISPICKVAL(${w.ref(choice.path)}, ${quote(value)}), 2, 1) /* TEXT(Owner.Email) */`;
    },
  },
  {
    name: 'dateValue',
    result: 'date',
    write(ctx, w) {
      if (!ctx.schema.field(ctx.object, 'CreatedDate')) return undefined;
      return `DATEVALUE(${w.ref('CreatedDate')}) + 30`;
    },
  },
  {
    name: 'dateOrToday',
    result: 'date',
    write(ctx, w) {
      const date = find(ctx, ['date'], 0, 1);
      if (!date) return undefined;
      const d = w.ref(date.path);
      return `IF(ISBLANK(${d}), TODAY(), ${d})`;
    },
  },
  {
    name: 'dateTimePlus',
    result: 'datetime',
    write(ctx, w) {
      const at = find(ctx, ['datetime'], 0, 1);
      return at ? `${w.ref(at.path)} + 1` : undefined;
    },
  },
];

/** A formula of the result kind from a random template that applies, with its references; undefined if none does. */
export function writeFormula(
  ctx: TemplateContext,
  result: ResultKind,
  only?: string,
): { formula: string; paths: string[] } | undefined {
  const candidates = FORMULA_TEMPLATES.filter((t) => t.result === result && (only === undefined || t.name === only));
  const start = ctx.prng.int(0, Math.max(0, candidates.length - 1));
  for (let i = 0; i < candidates.length; i++) {
    const template = candidates[(start + i) % candidates.length]!;
    const w = new FormulaWriter();
    const formula = template.write(ctx, w);
    if (formula !== undefined) return { formula, paths: w.paths };
  }
  return undefined;
}
