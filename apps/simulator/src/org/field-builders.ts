import type { FieldDescribe } from '../describe-types.ts';
import { fieldOf, type FieldBlueprint } from './blueprint.ts';
import { createField, picklistValues } from './field-factory.ts';

type Extra = Partial<FieldDescribe>;

// A compact vocabulary for hand-written standard objects; custom fields use createField directly.

/** Text field of the given length. */
export const text = (name: string, label: string, length: number, extra: Extra = {}): FieldBlueprint =>
  fieldOf(createField(name, label, 'string', { length, ...extra }));

/** Text area; lengths above 255 make it a long text area (not filterable or sortable). */
export const area = (name: string, label: string, length = 32000, extra: Extra = {}): FieldBlueprint =>
  fieldOf(createField(name, label, 'textarea', { length, extraTypeInfo: 'plaintextarea', ...extra }));

/** Checkbox, defaulting to false. */
export const check = (name: string, label: string, extra: Extra = {}): FieldBlueprint =>
  fieldOf(createField(name, label, 'boolean', extra));

/** Any scalar type that needs no extra arguments (date, datetime, email, phone, url, int...). */
export const plain = (name: string, label: string, type: FieldDescribe['type'], extra: Extra = {}): FieldBlueprint =>
  fieldOf(createField(name, label, type, extra));

/** Currency with Salesforce's standard precision 18, scale 2. */
export const money = (name: string, label: string, extra: Extra = {}): FieldBlueprint =>
  fieldOf(createField(name, label, 'currency', { precision: 18, scale: 2, ...extra }));

/** Picklist; the first value is the default when `defaultFirst`. */
export const pick = (
  name: string,
  label: string,
  values: readonly string[],
  extra: Extra & { defaultFirst?: boolean } = {},
): FieldBlueprint => {
  const { defaultFirst, ...rest } = extra;
  return fieldOf(
    createField(name, label, 'picklist', {
      picklistValues: picklistValues(values, defaultFirst ? 0 : undefined),
      ...rest,
    }),
  );
};

/** Lookup to one or several objects; several makes it polymorphic (WhoId, WhatId). */
export const ref = (
  name: string,
  label: string,
  referenceTo: string[],
  relationshipName: string,
  childRelationshipName: string | null,
  extra: Extra = {},
): FieldBlueprint =>
  fieldOf(
    createField(name, label, 'reference', {
      referenceTo,
      relationshipName,
      polymorphicForeignKey: referenceTo.length > 1,
      ...extra,
    }),
    { childRelationshipName },
  );

/** Auto-number such as CaseNumber: read-only, unique per record, usable for upserts. */
export const autoNumber = (name: string, label: string): FieldBlueprint =>
  fieldOf(
    createField(name, label, 'string', {
      length: 30,
      autoNumber: true,
      createable: false,
      updateable: false,
      defaultedOnCreate: true,
      nillable: false,
      idLookup: true,
      permissionable: false,
    }),
  );

/** An address compound (BillingAddress) with its parts, each naming it in compoundFieldName. */
export function address(prefix: string, labelPrefix: string): FieldBlueprint[] {
  const compound = `${prefix}Address`;
  const part = (suffix: string, label: string, type: FieldDescribe['type'], extra: Extra): FieldBlueprint =>
    fieldOf(
      createField(`${prefix}${suffix}`, `${labelPrefix} ${label}`, type, { compoundFieldName: compound, ...extra }),
    );
  return [
    part('Street', 'Street', 'textarea', { length: 255, extraTypeInfo: 'plaintextarea' }),
    part('City', 'City', 'string', { length: 40 }),
    part('State', 'State/Province', 'string', { length: 80 }),
    part('PostalCode', 'Zip/Postal Code', 'string', { length: 20 }),
    part('Country', 'Country', 'string', { length: 80 }),
    part('Latitude', 'Latitude', 'double', { precision: 18, scale: 15, groupable: false }),
    part('Longitude', 'Longitude', 'double', { precision: 18, scale: 15, groupable: false }),
    part('GeocodeAccuracy', 'Geocode Accuracy', 'picklist', {
      length: 40,
      byteLength: 120,
      restrictedPicklist: true,
      picklistValues: picklistValues([
        'Address',
        'NearAddress',
        'Block',
        'Street',
        'ExtendedZip',
        'Zip',
        'Neighborhood',
        'City',
        'County',
        'State',
        'Unknown',
      ]),
    }),
    fieldOf(createField(compound, `${labelPrefix} Address`, 'address')),
  ];
}
