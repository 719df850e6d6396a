import { type CatalogIndex, fieldNode, type IndexedObject } from './catalog-index.ts';
import { type PathResolution, resolveFieldPath } from './field-path-resolver.ts';
import type { LineageCollector } from './lineage-collector.ts';
import type { LineageReport } from './lineage-types.ts';

/** A report's node id. */
export const reportNode = (id: string): string => `report:${id}`;

// `CustomEntity$Invoice__c` (or `CustomEntityCustomEntity$Invoice__c$Line__c`) → Invoice__c; `Opportunity` as is;
// `AccountList` → Account.
const baseObjectOf = (index: CatalogIndex, reportType: string): IndexedObject | string => {
  const dollar = reportType.indexOf('$');
  if (dollar >= 0) {
    const name = reportType.slice(dollar + 1).split('$')[0] ?? '';
    return index.object(name) ?? `report type ${reportType} reads ${name}, which is not in the catalog`;
  }
  const named = index.object(reportType);
  if (named !== undefined) return named;
  const listed = reportType.endsWith('List') ? index.object(reportType.slice(0, -'List'.length)) : undefined;
  return listed ?? `report type ${reportType} names no object of the catalog`;
};

// A column is `Object.Field` (any case), `Object.Relationship.Field`, or a path from the report's base object.
const resolveColumn = (index: CatalogIndex, base: IndexedObject | undefined, column: string): PathResolution => {
  const parts = column.split('.');
  const named = parts.length > 1 ? index.object(parts[0]!) : undefined;
  const fromNamed = named === undefined ? undefined : resolveFieldPath(index, named, parts.slice(1));
  const fromBase = base === undefined ? undefined : resolveFieldPath(index, base, parts);
  if (fromNamed?.ok) return fromNamed;
  if (fromBase?.ok) return fromBase;
  return { ok: false, message: columnFailure(parts, named, base, fromNamed ?? fromBase) };
};

// Why a column resolved to nothing: the failure of the object it names, else of the path from the base object.
const columnFailure = (
  parts: readonly string[],
  named: IndexedObject | undefined,
  base: IndexedObject | undefined,
  failure: PathResolution | undefined,
): string => {
  const reason = failure !== undefined && !failure.ok ? failure.message : 'the report has no base object';
  if (named !== undefined || parts.length === 1) return reason;
  const missing = `${parts[0]} is not in the catalog`;
  return base === undefined ? missing : `${missing}, and from ${base.object.name}: ${reason}`;
};

const collectReport = (index: CatalogIndex, report: LineageReport, collector: LineageCollector): void => {
  const node = reportNode(report.id);
  let base: IndexedObject | undefined;
  if (typeof report.reportType === 'string' && report.reportType !== '') {
    const found = baseObjectOf(index, report.reportType);
    if (typeof found === 'string') collector.warn(node, report.reportType, found);
    else base = found;
  }
  if (base !== undefined) {
    collector.addEdge({ kind: 'report_object', source: base.object.name, target: node, detail: {} });
  }
  for (const column of Array.isArray(report.columns) ? report.columns : []) {
    if (typeof column !== 'string' || column === '') continue;
    const resolved = resolveColumn(index, base, column);
    if (!resolved.ok) {
      collector.warn(node, column, resolved.message);
      continue;
    }
    collector.addEdge({ kind: 'report_object', source: resolved.object.name, target: node, detail: {} });
    const source = fieldNode(resolved.object, resolved.field);
    collector.addEdge({ kind: 'report_field', source, target: node, detail: { columns: [column] } });
  }
};

/**
 * `report_object` edges from a report's base object (its report type) and from every column's object, and
 * `report_field` edges from every column's field.
 */
export function collectReportEdges(
  index: CatalogIndex,
  reports: readonly LineageReport[],
  collector: LineageCollector,
): void {
  for (const report of reports) {
    if (typeof report?.id === 'string' && report.id !== '') collectReport(index, report, collector);
  }
}
