import { Type } from 'typebox';
import { ColumnLineage } from './lineage.ts';
import { Nullable } from './common.ts';

// The attributes listed here are typed (read for their kind even when Salesforce sent them oddly);
// objects and fields also carry every other attribute of the describe as sent, including keys a
// newer API version adds. Nested entries are stored as Salesforce sent them too. What the Tooling API
// adds (description, namespace, dates, users) comes beside them under names a describe does not use.

const Raw = { additionalProperties: true } as const;

/** A user of the org who owns or changed something; name and e-mail null when the catalog does not know them. */
export const UserRef = Type.Object(
  { id: Type.String(), name: Nullable(Type.String()), email: Nullable(Type.String()) },
  { title: 'UserRef' },
);

/** A date as Salesforce sends it (ISO 8601, e.g. 2024-05-01T10:00:00.000+0000). */
export const SalesforceDate = Nullable(Type.String({ description: 'As Salesforce sends it (ISO 8601)' }));

// What the Tooling API says of an object or a field; null when it was not read (Tooling off or refused).
const setupAttributes = {
  description: Nullable(Type.String({ description: 'Tooling EntityDefinition / FieldDefinition' })),
  namespace: Nullable(Type.String()),
  manageableState: Nullable(Type.String({ description: 'unmanaged, installed, beta, released…' })),
  createdDate: SalesforceDate,
  createdBy: Nullable(UserRef),
  lastModifiedDate: SalesforceDate,
  lastModifiedBy: Nullable(UserRef),
  url: Nullable(
    Type.String({ description: 'Its page in Salesforce Setup; null until the connection knows its instance URL' }),
  ),
};

const RecordCount = Nullable(
  Type.Integer({ description: "Salesforce's approximate number of records at the extraction; null when it gave none" }),
);

const PicklistValue = Type.Object(
  {
    active: Type.Boolean(),
    defaultValue: Type.Boolean(),
    label: Nullable(Type.String()),
    value: Type.String(),
    validFor: Nullable(Type.String({ description: 'Base64 bitmap of the controlling values (dependent picklists)' })),
  },
  Raw,
);

const RecordTypeInfo = Type.Object(
  {
    name: Type.String(),
    recordTypeId: Type.String(),
    active: Type.Boolean(),
    available: Type.Boolean(),
    master: Type.Boolean(),
    defaultRecordTypeMapping: Type.Boolean(),
    developerName: Type.Optional(Type.String()),
  },
  Raw,
);

const ChildRelationship = Type.Object(
  {
    childSObject: Type.String(),
    field: Type.String(),
    relationshipName: Nullable(Type.String()),
    cascadeDelete: Type.Boolean(),
  },
  Raw,
);

/** A field with Salesforce's describe attribute names: the typed ones, and every other as sent. */
export const CatalogField = Type.Object(
  {
    name: Type.String(),
    label: Type.String(),
    type: Type.String(),
    soapType: Type.String(),
    length: Type.Integer(),
    precision: Type.Integer(),
    scale: Type.Integer(),
    digits: Type.Integer(),
    byteLength: Type.Integer(),
    nillable: Type.Boolean(),
    unique: Type.Boolean(),
    externalId: Type.Boolean(),
    idLookup: Type.Boolean(),
    calculated: Type.Boolean(),
    calculatedFormula: Nullable(Type.String()),
    defaultValue: Type.Unknown({
      description: 'As Salesforce sends it: false for a checkbox, a string for a picklist, or null',
    }),
    defaultValueFormula: Nullable(Type.String()),
    inlineHelpText: Nullable(Type.String()),
    referenceTo: Type.Array(Type.String()),
    relationshipName: Nullable(Type.String()),
    relationshipOrder: Nullable(Type.Integer()),
    cascadeDelete: Type.Boolean(),
    picklistValues: Type.Array(PicklistValue),
    controllerName: Nullable(Type.String()),
    dependentPicklist: Type.Boolean(),
    restrictedPicklist: Type.Boolean(),
    autoNumber: Type.Boolean(),
    compoundFieldName: Nullable(Type.String()),
    encrypted: Type.Boolean(),
    custom: Type.Boolean(),
    deprecatedAndHidden: Type.Boolean(),
    ...setupAttributes,
    lineage: ColumnLineage,
  },
  Raw,
);

/** An sObject with its object-level attributes and all its fields, in describe order. */
export const CatalogObject = Type.Object(
  {
    name: Type.String(),
    label: Type.String(),
    labelPlural: Type.String(),
    custom: Type.Boolean(),
    customSetting: Type.Boolean(),
    keyPrefix: Nullable(Type.String()),
    queryable: Type.Boolean(),
    createable: Type.Boolean(),
    updateable: Type.Boolean(),
    deletable: Type.Boolean(),
    searchable: Type.Boolean(),
    recordTypeInfos: Type.Array(RecordTypeInfo),
    childRelationships: Type.Array(ChildRelationship),
    fields: Type.Array(CatalogField),
    recordCount: RecordCount,
    ...setupAttributes,
  },
  Raw,
);

/** One line of a catalog's object list. */
export const CatalogObjectSummary = Type.Object({
  name: Type.String(),
  label: Type.String(),
  labelPlural: Type.String(),
  custom: Type.Boolean(),
  keyPrefix: Nullable(Type.String()),
  queryable: Type.Boolean(),
  fieldCount: Type.Integer(),
  recordTypeCount: Type.Integer(),
  recordCount: RecordCount,
  ...setupAttributes,
});
