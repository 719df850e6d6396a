import type { FieldDescribe, FieldType } from '../describe-types.ts';
import { createField, picklistValues } from '../org/field-factory.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import { FORMULA_TYPES, type NewField } from './mutation-schema.ts';

/** Each new field type's describe settings, the way the generator builds custom fields of that type. */
const SETTINGS: Record<Exclude<NewField['type'], 'lookup'>, [FieldType, Partial<FieldDescribe>]> = {
  string: ['string', { length: 255 }],
  textarea: ['textarea', { length: 32768, extraTypeInfo: 'plaintextarea' }],
  boolean: ['boolean', {}],
  int: ['int', { digits: 9 }],
  double: ['double', { precision: 18, scale: 2 }],
  currency: ['currency', { precision: 16, scale: 2 }],
  percent: ['percent', { precision: 5, scale: 2 }],
  date: ['date', {}],
  datetime: ['datetime', {}],
  email: ['email', {}],
  phone: ['phone', {}],
  url: ['url', {}],
  picklist: ['picklist', {}],
  multipicklist: ['multipicklist', {}],
};

const FORMULA: Partial<FieldDescribe> = {
  calculated: true,
  createable: false,
  updateable: false,
  formulaTreatNullNumberAsZero: true,
};

/**
 * The describe of a new custom field. A lookup's `relationshipName` is its name with `__r`; `target` is the
 * canonical name of the object it points to. Refuses combinations Salesforce has no field for (a picklist without
 * values, values on a text field, a formula returning a lookup).
 */
export function newFieldDescribe(field: NewField, target?: string): FieldDescribe {
  const { name, label, type } = field;
  const choices = type === 'picklist' || type === 'multipicklist';
  if (choices !== (field.values !== undefined)) {
    throw new InvalidMutationError(`${name}: values are ${choices ? 'required' : 'only'} for picklists`);
  }
  if ((type === 'lookup') !== (field.referenceTo !== undefined)) {
    throw new InvalidMutationError(`${name}: referenceTo is ${type === 'lookup' ? 'required' : 'only'} for lookups`);
  }
  if (field.formula !== undefined && !(FORMULA_TYPES as readonly string[]).includes(type)) {
    throw new InvalidMutationError(`${name}: a formula returns one of ${FORMULA_TYPES.join(', ')}, not ${type}`);
  }
  if (type === 'lookup') {
    return createField(name, label, 'reference', {
      custom: true,
      referenceTo: [target ?? field.referenceTo!],
      relationshipName: `${name.slice(0, -3)}__r`,
    });
  }
  const [fieldType, settings] = SETTINGS[type];
  return createField(name, label, fieldType, {
    custom: true,
    ...settings,
    ...(field.values ? { picklistValues: picklistValues(field.values) } : {}),
    ...(field.formula === undefined ? {} : { ...FORMULA, calculatedFormula: field.formula }),
  });
}
