import type { FieldDescribe, SObjectDescribe } from '../describe-types.ts';
import type { Org } from '../generate-org.ts';
import type { OrgDashboard } from '../org/dashboards.ts';
import { columnFields } from '../org/report-columns.ts';
import { type OrgReport, PRIVATE_REPORTS } from '../org/reports.ts';
import { deriveSeed } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';

// reportMetadata.reportFormat spells Report.Format in capitals.
const FORMATS: Record<OrgReport['format'], string> = {
  Tabular: 'TABULAR',
  Summary: 'SUMMARY',
  Matrix: 'MATRIX',
  MultiBlock: 'MULTI_BLOCK',
};

/** The analytics data type of a field: its describe type, references as ids and encrypted text as text. */
function dataTypeOf(field: FieldDescribe): string {
  if (field.type === 'reference') return 'id';
  if (field.type === 'encryptedstring') return 'string';
  return field.type;
}

/** A folder's id: a private report's folder is its owner (a user id); a shared folder's id follows its name. */
export function folderIdOf(org: Org, folderName: string, ownerId: string): string {
  if (folderName === PRIVATE_REPORTS) return ownerId;
  return recordId('00l', deriveSeed(org.spec.seed, `folder:${folderName}`) % 1_000_000);
}

/** A column's label: the field's, prefixed with its object's when the field is a parent's. */
function columnInfo(report: OrgReport, object: SObjectDescribe, field: FieldDescribe) {
  const label = object.name === report.object ? field.label : `${object.label}: ${field.label}`;
  return { label, dataType: dataTypeOf(field) };
}

/**
 * GET /analytics/reports/ID/describe: the report's metadata (type, columns), each column's label and type, and the
 * report type's categories: the fields of the report's object and of the parents its columns come from.
 */
export function reportDescribe(org: Org, report: OrgReport): Record<string, unknown> {
  const detailColumnInfo: Record<string, { label: string; dataType: string }> = {};
  const objects = new Map<string, SObjectDescribe>();
  const base = org.describes.get(report.object);
  if (base) objects.set(base.name, base);
  for (const column of report.detailColumns) {
    const dot = column.indexOf('.');
    const object = org.describes.get(column.slice(0, dot));
    const field = object?.fields.find((f) => f.name === column.slice(dot + 1));
    if (!object || !field) continue;
    objects.set(object.name, object);
    detailColumnInfo[column] = columnInfo(report, object, field);
  }
  const categories = [...objects.values()].map((object) => ({
    label: object.labelPlural,
    columns: Object.fromEntries(
      columnFields(object).map((f) => [
        `${object.name}.${f.name}`,
        { ...columnInfo(report, object, f), filterable: f.filterable },
      ]),
    ),
  }));
  return {
    reportMetadata: {
      id: report.id,
      name: report.name,
      developerName: report.developerName,
      reportFormat: FORMATS[report.format],
      reportType: { type: report.reportType, label: base?.labelPlural ?? report.object },
      detailColumns: report.detailColumns,
      folderId: folderIdOf(org, report.folderName, report.ownerId),
      description: report.description,
    },
    reportExtendedMetadata: { detailColumnInfo },
    reportTypeMetadata: { categories },
  };
}

/** GET /analytics/dashboards/ID/describe: the dashboard, its running user and its components' reports. */
export function dashboardDescribe(org: Org, dashboard: OrgDashboard): Record<string, unknown> {
  const runningUser = org.users.find((u) => u.id === dashboard.runningUserId);
  return {
    id: dashboard.id,
    name: dashboard.title,
    developerName: dashboard.developerName,
    folderId: folderIdOf(org, dashboard.folderName, dashboard.runningUserId),
    description: dashboard.description,
    dashboardType: dashboard.type,
    runningUser: { id: dashboard.runningUserId, displayName: runningUser?.name ?? null },
    components: dashboard.components.map((c) => ({
      id: c.id,
      header: c.header,
      title: c.title,
      type: 'Report',
      reportId: c.reportId,
      properties: { visualizationType: c.visualization },
    })),
  };
}
