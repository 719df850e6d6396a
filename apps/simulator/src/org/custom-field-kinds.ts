import type { FieldDescribe, FieldType } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { createField, picklistValues, validForBitmap } from './field-factory.ts';
import { FIELD_STEMS, PICKLIST_VALUES } from './word-lists.ts';

/** The custom field kinds generated objects cycle through, so every type Salesforce reports shows up. */
export const FIELD_KINDS = [
  'string',
  'textarea',
  'boolean',
  'int',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
  'time',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'combobox',
  'lookup',
  'masterDetail',
  'externalId',
  'formula',
  'autoNumber',
  'encryptedstring',
  'dependentPicklist',
  'restrictedPicklist',
  'location',
  'richText',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** What a kind's builder may look at: earlier fields of the same object, and the PRNG. */
export interface KindContext {
  prng: Prng;
  earlier: readonly FieldDescribe[];
}

/** A name stem for the kind; references are named after their target by the caller. */
export function stemFor(kind: FieldKind, prng: Prng): string {
  const s = FIELD_STEMS;
  switch (kind) {
    case 'string':
      return prng.pick(s.text);
    case 'textarea':
      return prng.pick(['Notes', 'Comments', 'Summary', 'Instructions']);
    case 'richText':
      return prng.pick(['Details', 'Overview', 'Terms']);
    case 'boolean':
      return prng.pick(s.flag);
    case 'int':
    case 'double':
      return prng.pick(s.number);
    case 'currency':
      return prng.pick(s.money);
    case 'percent':
      return prng.pick(['Margin', 'Completion', 'Discount_Rate', 'Probability']);
    case 'date':
      return `${prng.pick(s.date)}_Date`;
    case 'datetime':
      return `${prng.pick(s.date)}_At`;
    case 'time':
      return prng.pick(['Start_Time', 'End_Time', 'Pickup_Time', 'Cutoff_Time']);
    case 'email':
      return `${prng.pick(s.contact)}_Email`;
    case 'phone':
      return `${prng.pick(s.contact)}_Phone`;
    case 'url':
      return prng.pick(['Website', 'Portal_Link', 'Documentation_URL']);
    case 'multipicklist':
      return prng.pick(['Regions', 'Channels', 'Tags', 'Languages']);
    case 'externalId':
      return prng.pick(['External_Id', 'Legacy_Id', 'ERP_Id']);
    case 'formula':
      return prng.pick(['Total_Value', 'Adjusted_Score', 'Display_Name']);
    case 'autoNumber':
      return 'Reference_Number';
    case 'encryptedstring':
      return prng.pick(['Tax_Id', 'Bank_Account', 'Passport_Number']);
    case 'location':
      return prng.pick(['Site_Location', 'Geo', 'Drop_Off']);
    default:
      return prng.pick(s.choice);
  }
}

function choiceValues(label: string, prng: Prng): string[] {
  const stem = label.split(' ')[0] ?? '';
  const values = PICKLIST_VALUES[stem] ?? ['Bronze', 'Silver', 'Gold', 'Platinum'];
  return values.slice(0, prng.int(3, values.length));
}

const NUMERIC: readonly FieldType[] = ['int', 'double', 'currency', 'percent'];

/**
 * Builds a non-reference custom field of the kind; null when the kind cannot apply here (dependent picklist
 * without a controller).
 */
export function buildKindField(kind: FieldKind, name: string, label: string, ctx: KindContext): FieldDescribe | null {
  const { prng } = ctx;
  const make = (type: FieldType, extra: Partial<FieldDescribe> = {}) =>
    createField(name, label, type, { custom: true, ...extra });
  switch (kind) {
    case 'string':
      return make('string', { length: prng.pick([20, 50, 80, 255]) });
    case 'textarea':
      return make('textarea', { length: 32768, extraTypeInfo: 'plaintextarea' });
    case 'richText':
      return make('textarea', { length: 32768, extraTypeInfo: 'richtextarea', htmlFormatted: true });
    case 'boolean':
      return make('boolean', { defaultValue: prng.chance(0.2) });
    case 'int':
      return make('int', { digits: 9 });
    case 'double':
      return make('double', { precision: 18, scale: prng.pick([0, 2, 4]) });
    case 'currency':
      return make('currency', { precision: 16, scale: 2 });
    case 'percent':
      return make('percent', { precision: 5, scale: 2 });
    case 'date':
    case 'datetime':
    case 'time':
    case 'email':
    case 'phone':
    case 'url':
      return make(kind);
    case 'picklist':
    case 'restrictedPicklist':
    case 'combobox': {
      const values = choiceValues(label, prng);
      return make(kind === 'combobox' ? 'combobox' : 'picklist', {
        picklistValues: picklistValues(values, prng.int(0, values.length - 1)),
        restrictedPicklist: kind === 'restrictedPicklist',
      });
    }
    case 'multipicklist':
      return make('multipicklist', {
        picklistValues: picklistValues(['North', 'South', 'East', 'West', 'Central'].slice(0, prng.int(3, 5))),
      });
    case 'dependentPicklist': {
      const controller = [...ctx.earlier]
        .reverse()
        .find((f) => (f.type === 'picklist' && !f.dependentPicklist) || f.type === 'boolean');
      if (!controller) return null;
      const count = controller.type === 'boolean' ? 2 : controller.picklistValues.length;
      const values = ['Level 1', 'Level 2', 'Level 3', 'Level 4'].map((value) => ({
        active: true,
        defaultValue: false,
        label: value,
        validFor: validForBitmap(
          Array.from({ length: count }, (_, i) => i).filter((i) => prng.chance(0.5) || i === count - 1),
          count,
        ),
        value,
      }));
      return make('picklist', { picklistValues: values, controllerName: controller.name, dependentPicklist: true });
    }
    case 'externalId':
      return make('string', { length: 255, externalId: true, unique: true, idLookup: true, caseSensitive: false });
    case 'formula': {
      // The type is settled here (a number like the first number field before it, or text); the formula itself is a
      // placeholder that plantFormulas (formula-fields.ts) rewrites once every object exists.
      const source = ctx.earlier.find((f) => NUMERIC.includes(f.type));
      const common = {
        calculated: true,
        createable: false,
        updateable: false,
        permissionable: true,
        formulaTreatNullNumberAsZero: true,
      };
      return source
        ? make(source.type === 'int' ? 'double' : source.type, {
            ...common,
            precision: 18,
            scale: 2,
            calculatedFormula: `${source.name} * 2`,
          })
        : make('string', { ...common, length: 1300, calculatedFormula: 'UPPER(Name)' });
    }
    case 'autoNumber':
      return make('string', {
        length: 30,
        autoNumber: true,
        createable: false,
        updateable: false,
        defaultedOnCreate: true,
        nillable: false,
        idLookup: true,
        permissionable: false,
        displayLocationInDecimal: false,
      });
    case 'encryptedstring':
      return make('encryptedstring');
    case 'location':
      return make('location', { displayLocationInDecimal: true, precision: 0 });
    default:
      return null;
  }
}

/** The Latitude/Longitude parts that accompany a custom location field. */
export function locationParts(location: FieldDescribe): FieldDescribe[] {
  const base = location.name.slice(0, -3);
  return (['Latitude', 'Longitude'] as const).map((axis) =>
    createField(`${base}__${axis}__s`, `${location.label} (${axis})`, 'double', {
      custom: true,
      precision: 18,
      scale: 6,
      compoundFieldName: location.name,
      groupable: false,
    }),
  );
}
