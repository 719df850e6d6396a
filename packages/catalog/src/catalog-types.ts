// The catalog as read back from the store. Attribute names are exactly Salesforce's describe names.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One entry of a field's picklistValues, as Salesforce sends it. */
export interface PicklistValue {
  active: boolean;
  defaultValue: boolean;
  label: string | null;
  value: string;
  /** Base64 bitmap of the controlling values this entry is valid for (dependent picklists). */
  validFor: string | null;
}

/** One entry of an object's recordTypeInfos, as Salesforce sends it. */
export interface RecordTypeInfo {
  name: string;
  recordTypeId: string;
  active: boolean;
  available: boolean;
  master: boolean;
  defaultRecordTypeMapping: boolean;
  developerName?: string;
}

/** One entry of an object's childRelationships, as Salesforce sends it. */
export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete: boolean;
}

/** Who owns or changed something: a user of the org, with name and e-mail when the catalog knows them. */
export interface UserRef {
  id: string;
  name: string | null;
  email: string | null;
}

/**
 * What the Tooling API adds to an object or a field (its stored `$tooling`), and where Salesforce Setup
 * shows it. Each is null when Salesforce did not say (Tooling off or refused, a standard object's owner).
 */
export interface SetupAttributes {
  description: string | null;
  namespace: string | null;
  /** unmanaged, installed, beta, released…: as Salesforce sends it. */
  manageableState: string | null;
  createdDate: string | null;
  createdBy: UserRef | null;
  lastModifiedDate: string | null;
  lastModifiedBy: UserRef | null;
  /** The page in Salesforce Setup; null until the connection knows its instance URL. */
  url: string | null;
}

/** A field of an sObject describe, with the attributes the catalog keeps in typed columns. */
export interface CatalogField extends SetupAttributes {
  name: string;
  label: string;
  type: string;
  soapType: string;
  length: number;
  precision: number;
  scale: number;
  digits: number;
  byteLength: number;
  nillable: boolean;
  unique: boolean;
  externalId: boolean;
  idLookup: boolean;
  calculated: boolean;
  calculatedFormula: string | null;
  /** Typed as Salesforce sends it: false for a checkbox, a string for a picklist, or null. */
  defaultValue: JsonValue;
  defaultValueFormula: string | null;
  inlineHelpText: string | null;
  /** Empty unless a reference; several entries for a polymorphic one. */
  referenceTo: string[];
  relationshipName: string | null;
  relationshipOrder: number | null;
  cascadeDelete: boolean;
  picklistValues: PicklistValue[];
  controllerName: string | null;
  dependentPicklist: boolean;
  restrictedPicklist: boolean;
  autoNumber: boolean;
  compoundFieldName: string | null;
  encrypted: boolean;
  custom: boolean;
  deprecatedAndHidden: boolean;
}

/** The object-level attributes of an sObject describe that the catalog keeps in typed columns. */
export interface CatalogObjectAttributes {
  name: string;
  label: string;
  labelPlural: string;
  custom: boolean;
  customSetting: boolean;
  keyPrefix: string | null;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  searchable: boolean;
  recordTypeInfos: RecordTypeInfo[];
  childRelationships: ChildRelationship[];
}

/** An sObject of one run with all its fields, in describe order. */
export interface CatalogObject extends CatalogObjectAttributes, SetupAttributes {
  fields: CatalogField[];
  /** Salesforce's approximate number of records at the run; null when it gave none. */
  recordCount: number | null;
}

/** One line of a run's object list. */
export interface CatalogObjectSummary extends SetupAttributes {
  name: string;
  label: string;
  labelPlural: string;
  custom: boolean;
  keyPrefix: string | null;
  queryable: boolean;
  fieldCount: number;
  recordTypeCount: number;
  /** Salesforce's approximate number of records at the run; null when it gave none. */
  recordCount: number | null;
}
