import type { FieldDescribe, FieldType } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { fieldOf, type ObjectBlueprint } from './blueprint.ts';
import { createField } from './field-factory.ts';
import { FormulaSchema } from './formula-paths.ts';
import { type ResultKind, type SettingFields, type TemplateContext, writeFormula } from './formula-templates.ts';
import type { PlantedFormula } from './lineage-plan.ts';

const NUMERIC: readonly FieldType[] = ['int', 'double', 'currency', 'percent'];

/**
 * Formula fields every org gets on its standard objects: one per template, so each trap shows up. Account keeps
 * only its standard fields, as tests and crawlers expect of it.
 */
const SHOWCASE: readonly [object: string, stem: string, type: FieldType, template: string][] = [
  ['Contact', 'Account_Manager_Email', 'string', 'deepPath'],
  ['Opportunity', 'Stage_Summary', 'string', 'picklistCase'],
  ['Opportunity', 'Record_Link', 'string', 'hyperlink'],
  ['Case', 'Subject_Preview', 'string', 'literalLooksLikeField'],
  ['Contact', 'Owner_Organization', 'string', 'organizationAndProfile'],
  ['Contact', 'Display_Title', 'string', 'label'],
  ['Opportunity', 'Record_Type_Stage', 'string', 'recordType'],
  ['Case', 'Owner_Name', 'string', 'polymorphicOwner'],
  ['Opportunity', 'Is_Key_Deal', 'boolean', 'picklistCheck'],
  ['Case', 'Needs_Attention', 'boolean', 'anyOf'],
  ['Opportunity', 'Weighted_Amount', 'currency', 'rounded'],
  ['Opportunity', 'Discounted_Amount', 'currency', 'customSetting'],
  ['Opportunity', 'Account_Exposure', 'currency', 'crossObjectSum'],
  ['Opportunity', 'Stage_Weighted_Amount', 'currency', 'picklistWeight'],
  ['Contact', 'Follow_Up_Date', 'date', 'dateValue'],
  ['Contact', 'Next_Birthday', 'date', 'dateOrToday'],
  ['Case', 'Escalate_At', 'datetime', 'dateTimePlus'],
];

/** Fields with a default value formula every org gets on its standard objects. */
const DEFAULTED: readonly [object: string, stem: string, type: FieldType, formula: string, paths: string[]][] = [
  ['Contact', 'Assistant_Email', 'email', '$User.Email', ['$User.Email']],
  ['Opportunity', 'Renewal_Date', 'date', 'TODAY() + 30', []],
];

function resultKind(type: FieldType): ResultKind {
  if (NUMERIC.includes(type)) return 'number';
  if (type === 'boolean' || type === 'date' || type === 'datetime') return type;
  return 'text';
}

/** The describe of a new custom formula field returning `type`. */
function formulaField(stem: string, type: FieldType, formula: string): FieldDescribe {
  const label = stem.replace(/_/g, ' ');
  const numeric = NUMERIC.includes(type);
  return createField(`${stem}__c`, label, type, {
    custom: true,
    calculated: true,
    calculatedFormula: formula,
    createable: false,
    updateable: false,
    nillable: true,
    defaultedOnCreate: false,
    formulaTreatNullNumberAsZero: numeric,
    ...(type === 'string' ? { length: 1300 } : {}),
    ...(numeric ? { precision: 18, scale: 2 } : {}),
  });
}

const isCustomObject = (bp: ObjectBlueprint) => bp.flags.name.endsWith('__c') && !bp.flags.customSetting;

/**
 * Writes the formulas of an org once all its objects exist (cross-object paths need them): the formula fields of
 * custom objects (a number formula keeps reading the first number field before it), default value formulas on
 * some custom fields, and a showcase of formula fields on standard objects. Edits the blueprints in place and
 * answers what each formula reads, as written.
 */
export function plantFormulas(
  blueprints: readonly ObjectBlueprint[],
  prng: Prng,
  setting: SettingFields | undefined,
): PlantedFormula[] {
  const schema = new FormulaSchema(
    blueprints.map((bp) => ({ name: bp.flags.name, fields: bp.fields.map((f) => f.describe) })),
  );
  const planted: PlantedFormula[] = [];
  const context = (object: string, source?: string): TemplateContext => ({ schema, object, prng, setting, source });
  for (const bp of blueprints) {
    if (!isCustomObject(bp)) continue;
    const object = bp.flags.name;
    let source: string | undefined;
    for (const blueprint of bp.fields) {
      const f = blueprint.describe;
      if (!f.custom || f.compoundFieldName !== null) continue;
      if (f.calculated && f.calculatedFormula !== null) {
        const kind = resultKind(f.type);
        const written = writeFormula(context(object, kind === 'number' ? source : undefined), kind) ?? {
          formula: kind === 'number' ? `${source} * 2` : 'UPPER(Name)',
          paths: [kind === 'number' ? source! : 'Name'],
        };
        blueprint.describe = { ...f, calculatedFormula: written.formula };
        planted.push({ object, field: f.name, origin: 'calculatedFormula', paths: written.paths });
        continue;
      }
      if (source === undefined && NUMERIC.includes(f.type)) source = f.name;
      // A roll-up summary (calculated, no formula) takes no default value.
      if (f.calculated) continue;
      const defaulted = defaultFormula(f, prng, setting);
      if (defaulted) {
        blueprint.describe = { ...f, defaultValueFormula: defaulted.formula, defaultedOnCreate: true };
        planted.push({ object, field: f.name, origin: 'defaultValueFormula', paths: defaulted.paths });
      }
    }
  }
  const byName = new Map(blueprints.map((bp) => [bp.flags.name, bp]));
  for (const [object, stem, type, template] of SHOWCASE) {
    const bp = byName.get(object);
    const written = bp && writeFormula(context(object), resultKind(type), template);
    if (!bp || !written) continue;
    bp.fields.push(fieldOf(formulaField(stem, type, written.formula)));
    planted.push({ object, field: `${stem}__c`, origin: 'calculatedFormula', paths: written.paths });
  }
  for (const [object, stem, type, formula, paths] of DEFAULTED) {
    const bp = byName.get(object);
    if (!bp) continue;
    const describe = createField(`${stem}__c`, stem.replace(/_/g, ' '), type, {
      custom: true,
      defaultValueFormula: formula,
      defaultedOnCreate: true,
    });
    bp.fields.push(fieldOf(describe));
    planted.push({ object, field: describe.name, origin: 'defaultValueFormula', paths });
  }
  return planted;
}

/** Now and then a default value formula for a custom field: the running user's email, a date ahead, a setting. */
function defaultFormula(
  f: FieldDescribe,
  prng: Prng,
  setting: SettingFields | undefined,
): { formula: string; paths: string[] } | undefined {
  if (f.type === 'email' && prng.chance(0.3)) {
    const path = setting && prng.chance(0.3) ? `$Setup.${setting.object}.${setting.email}` : '$User.Email';
    return { formula: path, paths: [path] };
  }
  if (f.type === 'date' && prng.chance(0.2)) return { formula: 'TODAY() + 30', paths: [] };
  if (f.type === 'currency' && setting && prng.chance(0.15)) {
    const path = `$Setup.${setting.object}.${setting.amount}`;
    return { formula: path, paths: [path] };
  }
  return undefined;
}
