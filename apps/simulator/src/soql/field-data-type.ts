import type { FieldDescribe } from '../describe-types.ts';

/** FieldDefinition.DataType as Setup shows it: 'Text(80)', 'Lookup(Account)', 'Formula (Number)'... */
export function fieldDataType(f: FieldDescribe): string {
  if (f.calculated && f.calculatedFormula) return `Formula (${simpleType(f)})`;
  if (f.autoNumber) return 'Auto Number';
  if (f.type === 'reference') {
    const targets = f.referenceTo.join(',');
    if (f.relationshipOrder !== null) return `Master-Detail(${targets})`;
    return f.name === 'OwnerId' || f.name.endsWith('ById')
      ? `Lookup(${f.referenceTo.map(labelOf).join(',')})`
      : `Lookup(${targets})`;
  }
  if (f.externalId && f.type === 'string') return `Text(${f.length}) (External ID) (Unique Case Insensitive)`;
  return simpleType(f);
}

const labelOf = (name: string) => (name === 'Group' ? 'Group' : name);

function simpleType(f: FieldDescribe): string {
  switch (f.type) {
    case 'id':
      return 'Lookup()';
    case 'string':
      return `Text(${f.length})`;
    case 'textarea':
      if (f.htmlFormatted) return `Rich Text Area(${f.length})`;
      return f.length > 255 ? `Long Text Area(${f.length})` : 'Text Area(255)';
    case 'boolean':
      return 'Checkbox';
    case 'int':
      return `Number(${f.digits}, 0)`;
    case 'double':
      return `Number(${f.precision - f.scale}, ${f.scale})`;
    case 'currency':
      return `Currency(${f.precision - f.scale}, ${f.scale})`;
    case 'percent':
      return `Percent(${f.precision - f.scale}, ${f.scale})`;
    case 'date':
      return 'Date';
    case 'datetime':
      return 'Date/Time';
    case 'time':
      return 'Time';
    case 'email':
      return 'Email';
    case 'phone':
      return 'Phone';
    case 'url':
      return `URL(${f.length})`;
    case 'picklist':
      return f.dependentPicklist ? 'Picklist (Dependent)' : 'Picklist';
    case 'multipicklist':
      return 'Picklist (Multi-Select)';
    case 'combobox':
      return 'Picklist';
    case 'address':
      return 'Address';
    case 'location':
      return 'Geolocation';
    case 'base64':
      return 'Base64';
    case 'encryptedstring':
      return `Text (Encrypted)(${f.length})`;
    default:
      return f.type;
  }
}
