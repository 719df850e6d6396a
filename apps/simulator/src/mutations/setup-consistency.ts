import type { Org } from '../generate-org.ts';
import { isTriggerable } from '../org/apex-triggers.ts';
import { isReportable, reportTypeOf, resolveColumn } from '../org/report-columns.ts';

/**
 * Every way the org's users, reports, dashboards, Apex and Tooling authors can disagree with the rest, one line
 * each: reports on reportable objects showing columns they can show, dashboards charting reports that exist,
 * triggers on triggerable objects with the right TableEnumOrId, authors among the users, unique ids, and the
 * Report, Dashboard and User record counts equal to the lists.
 */
export function setupInconsistencies(org: Org): string[] {
  const problems: string[] = [];
  const users = new Set(org.users.map((u) => u.id));
  if (!users.has(org.userId)) problems.push('the API user is not among the users');
  const user = (what: string, id: string) => {
    if (!users.has(id)) problems.push(`${what} names unknown user ${id}`);
  };
  const ids = new Set<string>();
  for (const item of [...org.reports, ...org.dashboards, ...org.apexClasses, ...org.apexTriggers]) {
    if (ids.has(item.id)) problems.push(`duplicate id ${item.id}`);
    ids.add(item.id);
    user(item.id, item.createdById);
    user(item.id, item.lastModifiedById);
    if (item.createdDate > item.lastModifiedDate) problems.push(`${item.id} was modified before it was created`);
  }
  for (const report of org.reports) {
    const object = org.describes.get(report.object);
    if (!object || !isReportable(object)) {
      problems.push(`report ${report.id} is on ${report.object}, which reports cannot use`);
      continue;
    }
    if (report.reportType !== reportTypeOf(object.name)) problems.push(`report ${report.id} has the wrong type`);
    for (const column of report.detailColumns) {
      if (resolveColumn(object, org.describes, column) !== column) {
        problems.push(`report ${report.id} shows ${column}, which a report on ${object.name} cannot`);
      }
    }
    user(report.id, report.ownerId);
  }
  const reports = new Set(org.reports.map((r) => r.id));
  for (const dashboard of org.dashboards) {
    user(dashboard.id, dashboard.runningUserId);
    for (const c of dashboard.components) {
      if (!reports.has(c.reportId)) problems.push(`dashboard ${dashboard.id} charts missing report ${c.reportId}`);
    }
  }
  for (const trigger of org.apexTriggers) {
    const object = org.describes.get(trigger.object);
    if (!object || !isTriggerable(object)) problems.push(`trigger ${trigger.id} is on ${trigger.object}`);
    const durableId = org.entities.get(trigger.object)?.durableId;
    if (trigger.tableEnumOrId !== durableId) problems.push(`trigger ${trigger.id} has the wrong TableEnumOrId`);
  }
  for (const [name, entity] of org.entities) {
    user(name, entity.createdById);
    user(name, entity.lastModifiedById);
    for (const [field, meta] of entity.fields) {
      user(`${name}.${field}`, meta.createdById);
      user(`${name}.${field}`, meta.lastModifiedById);
    }
  }
  const counts: [string, number][] = [
    ['Report', org.reports.length],
    ['Dashboard', org.dashboards.length],
    ['User', org.users.length],
  ];
  for (const [name, count] of counts) {
    if (org.recordCounts.get(name) !== count) problems.push(`the ${name} count is not the list's length`);
  }
  return problems;
}
