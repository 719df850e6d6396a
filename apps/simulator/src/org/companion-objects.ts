import type { FieldDescribe } from '../describe-types.ts';
import type { FieldBlueprint, ObjectBlueprint } from './blueprint.ts';
import { fieldOf } from './blueprint.ts';
import { createField } from './field-factory.ts';
import { pick, plain, ref, text, area } from './field-builders.ts';
import { objectFlags } from './object-flags.ts';
import { auditFields, idField, isDeletedField } from './system-fields.ts';

/** The per-object companions Salesforce adds for field history, sharing, Chatter and change data capture. */
export type CompanionKind = 'History' | 'Share' | 'Feed' | 'ChangeEvent';

// Companions of one kind share a key prefix in real orgs (every *History is 017).
const PREFIXES: Record<CompanionKind, string> = { History: '017', Share: '00r', Feed: '0D5', ChangeEvent: '1CE' };
const LABELS: Record<CompanionKind, [string, string]> = {
  History: ['History', 'History'],
  Share: ['Share', 'Share'],
  Feed: ['Feed', 'Feed'],
  ChangeEvent: ['Change Event', 'Change Events'],
};

/** The fields a ChangeEvent has of its own; the others are copies of its object's fields but Id. */
export const CHANGE_EVENT_HEADER_FIELDS: readonly string[] = ['Id', 'ReplayId', 'ChangeEventHeader'];

/** A ChangeEvent's read-only copy of a field of its object: no default, as nothing creates its records. */
export function changeEventField(field: FieldDescribe): FieldDescribe {
  return {
    ...field,
    defaultValueFormula: null,
    createable: false,
    updateable: false,
    relationshipName: null,
    filterable: false,
    sortable: false,
    groupable: false,
    picklistValues: field.picklistValues.map((v) => ({ ...v })),
  };
}

/** The copies a ChangeEvent has of its object's fields: all but Id, and but formula and roll-up summary fields. */
export function changeEventCopies(fields: readonly FieldDescribe[]): FieldDescribe[] {
  return fields.filter((f) => f.name !== 'Id' && !f.calculated).map(changeEventField);
}

/** AccountHistory for standard objects, Invoice__History for custom ones. */
export function companionName(parent: string, kind: CompanionKind): string {
  return parent.endsWith('__c') ? `${parent.slice(0, -3)}__${kind}` : `${parent}${kind}`;
}

/**
 * Builds the companion of `parent`; its link field points back to the parent with the usual child
 * relationship name.
 */
export function companionObject(parent: ObjectBlueprint, kind: CompanionKind): ObjectBlueprint {
  const { name, label } = parent.flags;
  const custom = name.endsWith('__c');
  const linkName = custom ? 'ParentId' : `${name}Id`;
  const linkRel = custom ? 'Parent' : name;
  const [suffix, pluralSuffix] = LABELS[kind];
  const companion = companionName(name, kind);
  const readOnly = {
    createable: false,
    updateable: false,
    deletable: kind === 'Feed',
    undeletable: false,
    layoutable: false,
    searchable: false,
    mruEnabled: false,
    feedEnabled: false,
    triggerable: kind === 'ChangeEvent',
    custom,
    associateEntityType: kind,
    associateParentEntity: name,
  };
  const flags = objectFlags(
    companion,
    `${label} ${suffix}`,
    `${label} ${pluralSuffix}`,
    custom && kind !== 'Share' ? null : PREFIXES[kind],
    kind === 'Share' ? { ...readOnly, createable: true, updateable: true, deletable: true } : readOnly,
  );
  const link = (childRel: string) =>
    ref(linkName, `${custom ? 'Parent' : label} ID`, [name], linkRel, childRel, {
      nillable: false,
      updateable: false,
      cascadeDelete: true,
      createable: kind === 'Share',
    });
  let fields: FieldBlueprint[];
  if (kind === 'History') {
    fields = [
      idField(`${label} History ID`),
      isDeletedField(),
      link('Histories'),
      ...auditFields({ viewed: false }).slice(0, 2),
      pick('Field', 'Changed Field', ['created', ...parent.fields.slice(2, 12).map((f) => f.describe.name)], {
        restrictedPicklist: true,
      }),
      pick('DataType', 'Data Type', ['Text', 'Number', 'Date', 'Boolean'], { restrictedPicklist: true }),
      plain('OldValue', 'Old Value', 'anyType'),
      plain('NewValue', 'New Value', 'anyType'),
    ];
  } else if (kind === 'Share') {
    fields = [
      idField(`${label} Share ID`),
      link('Shares'),
      ref('UserOrGroupId', 'User/Group ID', ['Group', 'User'], 'UserOrGroup', null, { nillable: false }),
      pick(custom ? 'AccessLevel' : `${name}AccessLevel`, 'Access Level', ['Read', 'Edit', 'All'], {
        restrictedPicklist: true,
        nillable: false,
      }),
      pick('RowCause', 'Row Cause', ['Owner', 'Manual', 'Rule', 'ImplicitChild'], { restrictedPicklist: true }),
      ...auditFields({ viewed: false }).slice(2, 4),
      isDeletedField(),
    ];
  } else if (kind === 'Feed') {
    fields = [
      idField('Feed Item ID'),
      ref('ParentId', 'Parent ID', [name], 'Parent', 'Feeds', { nillable: false }),
      pick('Type', 'Feed Item Type', ['TrackedChange', 'UserStatus', 'TextPost', 'LinkPost', 'ContentPost'], {
        restrictedPicklist: true,
      }),
      ...auditFields({ viewed: false }),
      isDeletedField(),
      plain('CommentCount', 'Comment Count', 'int', { createable: false, updateable: false }),
      plain('LikeCount', 'Like Count', 'int', { createable: false, updateable: false }),
      text('Title', 'Title', 255),
      area('Body', 'Body', 10000),
      plain('LinkUrl', 'Link URL', 'url', { length: 1000 }),
      plain('IsRichText', 'Is Rich Text', 'boolean'),
    ];
  } else {
    // Change events carry the parent's fields, read-only, plus the event header.
    fields = [
      idField('Change Event ID'),
      text('ReplayId', 'Replay ID', 255, { createable: false, updateable: false }),
      fieldOf(
        createField('ChangeEventHeader', 'Change Event Header', 'complexvalue', {
          soapType: 'tns:ChangeEventHeader',
          nillable: false,
        }),
      ),
      ...changeEventCopies(parent.fields.map((f) => f.describe)).map((f) => fieldOf(f)),
    ];
  }
  return {
    flags,
    fields,
    recordTypes: [],
    description: null,
    isCustomizable: false,
    exposesChildRelationships: kind !== 'ChangeEvent',
  };
}
