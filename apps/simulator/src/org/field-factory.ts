import type { FieldDescribe, FieldType, PicklistValue } from '../describe-types.ts';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  combobox: 'xsd:string',
  encryptedstring: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  address: 'urn:address',
  location: 'urn:location',
  base64: 'xsd:base64Binary',
  anyType: 'xsd:anyType',
  complexvalue: 'xsd:anyType',
};

// What Salesforce sends for an ordinary, editable, nillable standard field; types adjust below.
const BASE: Omit<FieldDescribe, 'name' | 'label' | 'type' | 'soapType'> = {
  aggregatable: true,
  aiPredictionField: false,
  autoNumber: false,
  byteLength: 0,
  calculated: false,
  calculatedFormula: null,
  cascadeDelete: false,
  caseSensitive: false,
  compoundFieldName: null,
  controllerName: null,
  createable: true,
  custom: false,
  defaultValue: null,
  defaultValueFormula: null,
  defaultedOnCreate: false,
  dependentPicklist: false,
  deprecatedAndHidden: false,
  digits: 0,
  displayLocationInDecimal: false,
  encrypted: false,
  externalId: false,
  extraTypeInfo: null,
  filterable: true,
  filteredLookupInfo: null,
  formulaTreatNullNumberAsZero: false,
  groupable: true,
  highScaleNumber: false,
  htmlFormatted: false,
  idLookup: false,
  inlineHelpText: null,
  length: 0,
  mask: null,
  maskType: null,
  nameField: false,
  namePointing: false,
  nillable: true,
  permissionable: true,
  picklistValues: [],
  polymorphicForeignKey: false,
  precision: 0,
  queryByDistance: false,
  referenceTargetField: null,
  referenceTo: [],
  relationshipName: null,
  relationshipOrder: null,
  restrictedDelete: false,
  restrictedPicklist: false,
  scale: 0,
  searchPrefilterable: false,
  sortable: true,
  unique: false,
  updateable: true,
  writeRequiresMasterRead: false,
};

const NOT_GROUPABLE = { groupable: false, sortable: false, aggregatable: false };

function typeDefaults(type: FieldType): Partial<FieldDescribe> {
  switch (type) {
    case 'id':
      return {
        length: 18,
        byteLength: 18,
        nillable: false,
        createable: false,
        updateable: false,
        defaultedOnCreate: true,
        idLookup: true,
        permissionable: false,
      };
    case 'reference':
      return { length: 18, byteLength: 18 };
    case 'boolean':
      return { nillable: false, defaultValue: false, defaultedOnCreate: true, aggregatable: false };
    case 'int':
      return { digits: 9 };
    case 'double':
    case 'currency':
    case 'percent':
      return { precision: 18, scale: 2, groupable: false };
    case 'datetime':
    case 'time':
      return { groupable: false };
    case 'email':
      return { length: 80, byteLength: 240 };
    case 'phone':
      return { length: 40, byteLength: 120 };
    case 'url':
      return { length: 255, byteLength: 765 };
    case 'picklist':
    case 'combobox':
      return { length: 255, byteLength: 765 };
    case 'multipicklist':
      return { length: 4099, byteLength: 12297, ...NOT_GROUPABLE };
    case 'address':
    case 'location':
      return { createable: false, updateable: false, permissionable: false, ...NOT_GROUPABLE };
    case 'base64':
      return { length: 104857600, filterable: false, ...NOT_GROUPABLE };
    case 'anyType':
      return { length: 255, byteLength: 765, ...NOT_GROUPABLE };
    case 'complexvalue':
      return { filterable: false, createable: false, updateable: false, permissionable: false, ...NOT_GROUPABLE };
    case 'encryptedstring':
      return {
        length: 175,
        byteLength: 525,
        encrypted: true,
        mask: 'X',
        maskType: 'all',
        filterable: false,
        ...NOT_GROUPABLE,
      };
    default:
      return {};
  }
}

/** A complete field describe: type defaults, then the caller's overrides; byteLength follows length for text. */
export function createField(
  name: string,
  label: string,
  type: FieldType,
  overrides: Partial<FieldDescribe> = {},
): FieldDescribe {
  const field: FieldDescribe = Object.assign(
    {},
    BASE,
    typeDefaults(type),
    { name, label, type, soapType: SOAP_TYPES[type] },
    overrides,
  );
  if ((type === 'string' || type === 'textarea') && overrides.byteLength === undefined) {
    field.byteLength = field.length * 3;
  }
  if (type === 'textarea' && field.length > 255) {
    Object.assign(field, { filterable: false, ...NOT_GROUPABLE });
  }
  return ordered(field);
}

// One literal with every key in alphabetical order (Salesforce's order); a single hidden class keeps
// generating 50,000 fields cheap, where spreading and re-sorting keys per field was not.
function ordered(f: FieldDescribe): FieldDescribe {
  return {
    aggregatable: f.aggregatable,
    aiPredictionField: f.aiPredictionField,
    autoNumber: f.autoNumber,
    byteLength: f.byteLength,
    calculated: f.calculated,
    calculatedFormula: f.calculatedFormula,
    cascadeDelete: f.cascadeDelete,
    caseSensitive: f.caseSensitive,
    compoundFieldName: f.compoundFieldName,
    controllerName: f.controllerName,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.defaultValue,
    defaultValueFormula: f.defaultValueFormula,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: f.dependentPicklist,
    deprecatedAndHidden: f.deprecatedAndHidden,
    digits: f.digits,
    displayLocationInDecimal: f.displayLocationInDecimal,
    encrypted: f.encrypted,
    externalId: f.externalId,
    extraTypeInfo: f.extraTypeInfo,
    filterable: f.filterable,
    filteredLookupInfo: f.filteredLookupInfo,
    formulaTreatNullNumberAsZero: f.formulaTreatNullNumberAsZero,
    groupable: f.groupable,
    highScaleNumber: f.highScaleNumber,
    htmlFormatted: f.htmlFormatted,
    idLookup: f.idLookup,
    inlineHelpText: f.inlineHelpText,
    label: f.label,
    length: f.length,
    mask: f.mask,
    maskType: f.maskType,
    name: f.name,
    nameField: f.nameField,
    namePointing: f.namePointing,
    nillable: f.nillable,
    permissionable: f.permissionable,
    picklistValues: f.picklistValues,
    polymorphicForeignKey: f.polymorphicForeignKey,
    precision: f.precision,
    queryByDistance: f.queryByDistance,
    referenceTargetField: f.referenceTargetField,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    relationshipOrder: f.relationshipOrder,
    restrictedDelete: f.restrictedDelete,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.scale,
    searchPrefilterable: f.searchPrefilterable,
    soapType: f.soapType,
    sortable: f.sortable,
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
    writeRequiresMasterRead: f.writeRequiresMasterRead,
  };
}

/** Picklist entries in Salesforce's shape; `defaultIndex` marks the default value, if any. */
export function picklistValues(values: readonly string[], defaultIndex?: number): PicklistValue[] {
  return values.map((value, i) => ({
    active: true,
    defaultValue: i === defaultIndex,
    label: value,
    validFor: null,
    value,
  }));
}

/** Base64 bitmap for `validFor`: bit i (most significant first) set when valid for controlling value i. */
export function validForBitmap(controllerIndexes: readonly number[], controllerCount: number): string {
  const bytes = Buffer.alloc(Math.max(3, Math.ceil(Math.ceil(controllerCount / 8) / 3) * 3));
  for (const i of controllerIndexes) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i % 8));
  return bytes.toString('base64');
}
