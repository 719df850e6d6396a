import type { FieldDescribe, SObjectDescribe } from '../describe-types.ts';
import type { Org } from '../generate-org.ts';
import { MASTER_RECORD_TYPE_ID } from '../org/object-describe.ts';
import { base62, recordId } from '../salesforce-id.ts';
import { columnIndex, soqlDateTime, type QueryTable } from './query-table.ts';

/**
 * Synthetic rows for an sObject: row n has a stable Id built from the key prefix and n, a Name,
 * and plausible values by field type. `overrides` supplies rows the org lists (Report, Dashboard, User).
 */
export function sobjectTable(
  org: Org,
  describe: SObjectDescribe,
  size: number,
  overrides?: Record<string, unknown>[],
): QueryTable {
  const fields = new Map(describe.fields.map((f) => [f.name, f]));
  const prefix = describe.keyPrefix ?? '000';
  const modified = soqlDateTime(org.lastModified);
  const day = modified.slice(0, 10);
  const synthetic = (row: number, f: FieldDescribe): unknown => {
    if (f.type === 'id') return recordId(prefix, row);
    if (f.autoNumber) return `${prefix.toUpperCase()}-${base62(row + 1, 6)}`;
    if (f.nameField) return `${describe.label} ${row + 1}`;
    switch (f.type) {
      case 'reference':
        if (f.name === 'RecordTypeId') return MASTER_RECORD_TYPE_ID;
        return f.referenceTo.includes('User') && !f.nillable ? org.userId : null;
      case 'boolean':
        return f.defaultValue === true;
      case 'datetime':
        return modified;
      case 'date':
        return day;
      case 'int':
      case 'double':
      case 'currency':
      case 'percent':
        return row % 1000;
      case 'picklist':
      case 'multipicklist':
        return f.picklistValues[row % Math.max(1, f.picklistValues.length)]?.value ?? null;
      case 'email':
        return `user${row + 1}@example.com`;
      default:
        return null;
    }
  };
  return {
    name: describe.name,
    size,
    column: columnIndex(fields.keys()),
    value: (row, column) => {
      const override = overrides?.[row];
      if (override && column in override) return override[column];
      const f = fields.get(column);
      return f ? synthetic(row, f) : null;
    },
    urlId: (row) => String(overrides?.[row]?.Id ?? recordId(prefix, row)),
  };
}
