/** Field types Salesforce reports in a describe. */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'reference'
  | 'address'
  | 'location'
  | 'base64'
  | 'encryptedstring'
  | 'anyType'
  | 'complexvalue';

/** One entry of a field's `picklistValues`. */
export interface PicklistValue {
  active: boolean;
  defaultValue: boolean;
  label: string;
  /** Base64 bitmap of the controlling values this value is valid for; null when not dependent. */
  validFor: string | null;
  value: string;
}

/** One element of `fields` in GET /sobjects/NAME/describe, with every key Salesforce sends. */
export interface FieldDescribe {
  aggregatable: boolean;
  aiPredictionField: boolean;
  autoNumber: boolean;
  byteLength: number;
  calculated: boolean;
  calculatedFormula: string | null;
  cascadeDelete: boolean;
  caseSensitive: boolean;
  compoundFieldName: string | null;
  controllerName: string | null;
  createable: boolean;
  custom: boolean;
  defaultValue: boolean | string | number | null;
  defaultValueFormula: string | null;
  defaultedOnCreate: boolean;
  dependentPicklist: boolean;
  deprecatedAndHidden: boolean;
  digits: number;
  displayLocationInDecimal: boolean;
  encrypted: boolean;
  externalId: boolean;
  extraTypeInfo: string | null;
  filterable: boolean;
  filteredLookupInfo: null;
  formulaTreatNullNumberAsZero: boolean;
  groupable: boolean;
  highScaleNumber: boolean;
  htmlFormatted: boolean;
  idLookup: boolean;
  inlineHelpText: string | null;
  label: string;
  length: number;
  mask: string | null;
  maskType: string | null;
  name: string;
  nameField: boolean;
  namePointing: boolean;
  nillable: boolean;
  permissionable: boolean;
  picklistValues: PicklistValue[];
  polymorphicForeignKey: boolean;
  precision: number;
  queryByDistance: boolean;
  referenceTargetField: string | null;
  referenceTo: string[];
  relationshipName: string | null;
  relationshipOrder: number | null;
  restrictedDelete: boolean;
  restrictedPicklist: boolean;
  scale: number;
  searchPrefilterable: boolean;
  soapType: string;
  sortable: boolean;
  type: FieldType;
  unique: boolean;
  updateable: boolean;
  writeRequiresMasterRead: boolean;
}

/** One element of `childRelationships`: a reference field on another object pointing here. */
export interface ChildRelationship {
  cascadeDelete: boolean;
  childSObject: string;
  deprecatedAndHidden: boolean;
  field: string;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
  relationshipName: string | null;
  restrictedDelete: boolean;
}

/** One element of `recordTypeInfos`; every object has the Master record type. */
export interface RecordTypeInfo {
  active: boolean;
  available: boolean;
  defaultRecordTypeMapping: boolean;
  developerName: string;
  master: boolean;
  name: string;
  recordTypeId: string;
  urls: { layout: string };
}

/** The flags describeGlobal and describe share for an object. */
export interface SObjectFlags {
  activateable: boolean;
  associateEntityType: string | null;
  associateParentEntity: string | null;
  createable: boolean;
  custom: boolean;
  customSetting: boolean;
  deepCloneable: boolean;
  deletable: boolean;
  deprecatedAndHidden: boolean;
  feedEnabled: boolean;
  hasSubtypes: boolean;
  isInterface: boolean;
  isSubtype: boolean;
  keyPrefix: string | null;
  label: string;
  labelPlural: string;
  layoutable: boolean;
  mergeable: boolean;
  mruEnabled: boolean;
  name: string;
  queryable: boolean;
  replicateable: boolean;
  retrieveable: boolean;
  searchable: boolean;
  triggerable: boolean;
  undeletable: boolean;
  updateable: boolean;
}

/** One element of describeGlobal's `sobjects`. */
export interface DescribeGlobalSObject extends SObjectFlags {
  urls: { sobject: string; describe: string; rowTemplate: string };
}

/** The body of GET /services/data/vNN.0/sobjects. */
export interface DescribeGlobalResult {
  encoding: 'UTF-8';
  maxBatchSize: 200;
  sobjects: DescribeGlobalSObject[];
}

/** The body of GET /services/data/vNN.0/sobjects/NAME/describe. */
export interface SObjectDescribe extends SObjectFlags {
  actionOverrides: unknown[];
  childRelationships: ChildRelationship[];
  compactLayoutable: boolean;
  defaultImplementation: string | null;
  extendedBy: string | null;
  extendsInterfaces: string | null;
  fields: FieldDescribe[];
  implementedBy: string | null;
  implementsInterfaces: string | null;
  listviewable: boolean | null;
  lookupLayoutable: boolean | null;
  namedLayoutInfos: unknown[];
  networkScopeFieldName: string | null;
  recordTypeInfos: RecordTypeInfo[];
  searchLayoutable: boolean;
  sobjectDescribeOption: string;
  supportedScopes: { label: string; name: string }[];
  urls: Record<string, string>;
}
