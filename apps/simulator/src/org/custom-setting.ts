import { fieldOf, type ObjectBlueprint } from './blueprint.ts';
import { createField } from './field-factory.ts';
import { objectFlags } from './object-flags.ts';
import type { SettingFields } from './formula-templates.ts';
import { auditFields, idField, isDeletedField } from './system-fields.ts';

/** The hierarchy custom setting every generated org has, which formulas read through `$Setup`. */
export const ORG_SETTINGS: SettingFields = {
  object: 'Org_Settings__c',
  rate: 'Default_Discount__c',
  amount: 'Approval_Threshold__c',
  email: 'Support_Email__c',
};

/**
 * A hierarchy custom setting (`customSetting: true`): values per org, profile or user (SetupOwnerId), read by
 * formulas as `$Setup.Org_Settings__c.Field__c`. Not reportable, not triggerable, no companions.
 */
export function customSettingObject(keyPrefix: string | null): ObjectBlueprint {
  const custom = (name: string, label: string, type: 'percent' | 'currency' | 'email' | 'string') =>
    fieldOf(
      createField(name, label, type, {
        custom: true,
        ...(type === 'percent' ? { precision: 5, scale: 2 } : type === 'currency' ? { precision: 16, scale: 2 } : {}),
        ...(type === 'string' ? { length: 80 } : {}),
      }),
    );
  return {
    flags: objectFlags(ORG_SETTINGS.object, 'Org Settings', 'Org Settings', keyPrefix, {
      custom: true,
      customSetting: true,
      feedEnabled: false,
      layoutable: false,
      mruEnabled: false,
      searchable: false,
      triggerable: false,
      replicateable: false,
    }),
    fields: [
      idField('Record ID'),
      isDeletedField(),
      fieldOf(createField('Name', 'Name', 'string', { length: 80, nameField: true, permissionable: false })),
      fieldOf(
        createField('SetupOwnerId', 'Location', 'reference', {
          referenceTo: ['Organization', 'Profile', 'User'],
          relationshipName: 'SetupOwner',
          polymorphicForeignKey: true,
          nillable: false,
          permissionable: false,
        }),
      ),
      ...auditFields({ viewed: false }),
      custom(ORG_SETTINGS.rate, 'Default Discount', 'percent'),
      custom(ORG_SETTINGS.amount, 'Approval Threshold', 'currency'),
      custom(ORG_SETTINGS.email, 'Support Email', 'email'),
      custom('Region__c', 'Region', 'string'),
    ],
    recordTypes: [],
    description: 'Org-wide defaults for discounts, approvals and support.',
    isCustomizable: true,
    exposesChildRelationships: true,
  };
}
