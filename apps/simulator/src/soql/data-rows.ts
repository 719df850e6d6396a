import type { Org } from '../generate-org.ts';
import type { AuditStamp } from '../org/audit-stamps.ts';
import { soqlDateTime } from './query-table.ts';

const nullableDate = (date: Date | null) => (date === null ? null : soqlDateTime(date));

/** The audit columns of a row, as SOQL datetimes. */
export function auditColumns(item: AuditStamp & { systemModstamp?: Date }): Record<string, unknown> {
  return {
    CreatedDate: soqlDateTime(item.createdDate),
    CreatedById: item.createdById,
    LastModifiedDate: soqlDateTime(item.lastModifiedDate),
    LastModifiedById: item.lastModifiedById,
    ...(item.systemModstamp ? { SystemModstamp: soqlDateTime(item.systemModstamp) } : {}),
  };
}

/** Report rows: one per Org.reports item. */
export function reportRows(org: Org): Record<string, unknown>[] {
  return org.reports.map((r) => ({
    Id: r.id,
    Name: r.name,
    DeveloperName: r.developerName,
    FolderName: r.folderName,
    Format: r.format,
    Description: r.description,
    NamespacePrefix: r.namespacePrefix,
    OwnerId: r.ownerId,
    LastRunDate: nullableDate(r.lastRunDate),
    ...auditColumns(r),
  }));
}

/** Dashboard rows: one per Org.dashboards item. */
export function dashboardRows(org: Org): Record<string, unknown>[] {
  return org.dashboards.map((d) => ({
    Id: d.id,
    Title: d.title,
    DeveloperName: d.developerName,
    FolderName: d.folderName,
    Description: d.description,
    Type: d.type,
    RunningUserId: d.runningUserId,
    NamespacePrefix: d.namespacePrefix,
    ...auditColumns(d),
  }));
}

/** User rows: one per Org.users item; the other User columns are the table's synthetic values. */
export function userRows(org: Org): Record<string, unknown>[] {
  return org.users.map((u) => {
    const space = u.name.indexOf(' ');
    return {
      Id: u.id,
      Name: u.name,
      FirstName: space < 0 ? null : u.name.slice(0, space),
      LastName: space < 0 ? u.name : u.name.slice(space + 1),
      Email: u.email,
      Username: u.username,
      IsActive: u.isActive,
      LastModifiedDate: soqlDateTime(u.systemModstamp),
      SystemModstamp: soqlDateTime(u.systemModstamp),
    };
  });
}
