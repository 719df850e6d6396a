import { fieldOf, type FieldBlueprint } from './blueprint.ts';
import { createField } from './field-factory.ts';

const SYSTEM = { createable: false, updateable: false, defaultedOnCreate: true, permissionable: false } as const;

/** `Id`, labelled like Salesforce does ('Account ID', or 'Record ID' on custom objects). */
export const idField = (label: string): FieldBlueprint => fieldOf(createField('Id', label, 'id'));

/** `IsDeleted`: every queryable object has it because of the recycle bin. */
export const isDeletedField = (): FieldBlueprint => fieldOf(createField('IsDeleted', 'Deleted', 'boolean', SYSTEM));

/** `OwnerId`; objects that queues can own (Case, Lead, custom objects) point at Group and User. */
export function ownerField(queueOwned: boolean): FieldBlueprint {
  const referenceTo = queueOwned ? ['Group', 'User'] : ['User'];
  return fieldOf(
    createField('OwnerId', 'Owner ID', 'reference', {
      referenceTo,
      relationshipName: 'Owner',
      polymorphicForeignKey: queueOwned,
      nillable: false,
      defaultedOnCreate: true,
      permissionable: false,
    }),
  );
}

/** The audit fields: who created and last modified the record, and when. */
export function auditFields(options: { viewed?: boolean; activity?: boolean } = {}): FieldBlueprint[] {
  const userRef = (name: string, label: string, rel: string): FieldBlueprint =>
    fieldOf(
      createField(name, label, 'reference', {
        ...SYSTEM,
        nillable: false,
        referenceTo: ['User'],
        relationshipName: rel,
      }),
    );
  const stamp = (name: string, label: string): FieldBlueprint =>
    fieldOf(createField(name, label, 'datetime', { ...SYSTEM, nillable: false }));
  const fields = [
    stamp('CreatedDate', 'Created Date'),
    userRef('CreatedById', 'Created By ID', 'CreatedBy'),
    stamp('LastModifiedDate', 'Last Modified Date'),
    userRef('LastModifiedById', 'Last Modified By ID', 'LastModifiedBy'),
    stamp('SystemModstamp', 'System Modstamp'),
  ];
  if (options.activity) {
    fields.push(
      fieldOf(
        createField('LastActivityDate', 'Last Activity', 'date', {
          createable: false,
          updateable: false,
          permissionable: false,
        }),
      ),
    );
  }
  if (options.viewed ?? true) {
    for (const [name, label] of [
      ['LastViewedDate', 'Last Viewed Date'],
      ['LastReferencedDate', 'Last Referenced Date'],
    ] as const) {
      fields.push(
        fieldOf(createField(name, label, 'datetime', { createable: false, updateable: false, permissionable: false })),
      );
    }
  }
  return fields;
}
