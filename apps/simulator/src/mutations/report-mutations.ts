import { defaultColumns, isReportable, reportTypeOf, resolveColumn } from '../org/report-columns.ts';
import { developerNameOf, type OrgReport, PRIVATE_REPORTS, REPORT_FOLDERS } from '../org/reports.ts';
import { VISUALIZATIONS } from '../org/dashboards.ts';
import { InvalidMutationError, requireChange } from './invalid-mutation-error.ts';
import type { MutationOf } from './mutation-schema.ts';
import type { OrgDraft } from './org-draft.ts';

/** A DeveloperName from `name` that no item of the kind has yet. */
function freeDeveloperName(draft: OrgDraft, kind: 'reports' | 'dashboards', name: string): string {
  const taken = new Set(draft.setup.list(kind).map((item) => item.developerName.toLowerCase()));
  let n = draft.setup.list(kind).length + 1;
  while (taken.has(developerNameOf(name, n).toLowerCase())) n++;
  return developerNameOf(name, n);
}

/** A report on a reportable object; its columns are checked against the object and its parents. */
export function addReport(draft: OrgDraft, mutation: MutationOf<'addReport'>): void {
  const object = draft.get(mutation.object);
  if (!isReportable(object)) throw new InvalidMutationError(`reports cannot be built on ${object.name}`);
  const describes = new Map([...draft.all()].map((d) => [d.name, d]));
  const columns = (mutation.columns ?? defaultColumns(object)).map((column) => {
    const resolved = resolveColumn(object, describes, column);
    if (!resolved) throw new InvalidMutationError(`a report on ${object.name} cannot show ${column}`);
    return resolved;
  });
  const folderName = mutation.folderName ?? REPORT_FOLDERS[0]!;
  const { actor } = draft.setup;
  draft.setup.add('reports', {
    id: draft.setup.newId('00O', () => draft.setup.list('reports').map((r) => r.id)),
    name: mutation.name,
    developerName: freeDeveloperName(draft, 'reports', mutation.name),
    folderName,
    format: mutation.format ?? 'Tabular',
    description: mutation.description ?? null,
    namespacePrefix: null,
    ownerId: actor,
    lastRunDate: null,
    ...draft.setup.stamp(),
    object: object.name,
    reportType: reportTypeOf(object.name),
    detailColumns: [...new Set(columns)],
  });
}

export function changeReport(draft: OrgDraft, mutation: MutationOf<'changeReport'>): void {
  requireChange(mutation, ['name', 'description']);
  const report = draft.setup.get('reports', mutation.report);
  draft.setup.replace('reports', report.id, (r) => ({
    ...r,
    name: mutation.name ?? r.name,
    description: mutation.description === undefined ? r.description : mutation.description,
  }));
}

/** Removes a report; Salesforce refuses while a dashboard component charts it, and so does this. */
export function removeReport(draft: OrgDraft, mutation: MutationOf<'removeReport'>): void {
  const report = draft.setup.get('reports', mutation.report);
  const user = draft.setup.list('dashboards').find((d) => d.components.some((c) => c.reportId === report.id));
  if (user) throw new InvalidMutationError(`report ${report.developerName} is used by dashboard ${user.developerName}`);
  draft.setup.remove('reports', report.id);
}

/** Whether a dashboard may chart the report: not a private one. */
export const chartable = (report: OrgReport) => report.folderName !== PRIVATE_REPORTS;

/** A dashboard charting the reports named, one component each, run as the actor. */
export function addDashboard(draft: OrgDraft, mutation: MutationOf<'addDashboard'>): void {
  const { setup } = draft;
  const reports = (mutation.reports ?? []).map((target) => {
    const report = setup.get('reports', target);
    if (!chartable(report)) throw new InvalidMutationError(`a dashboard cannot chart private report ${target}`);
    return report;
  });
  const componentIds = () => setup.list('dashboards').flatMap((d) => d.components.map((c) => c.id));
  setup.add('dashboards', {
    id: setup.newId('01Z', () => setup.list('dashboards').map((d) => d.id)),
    title: mutation.title,
    developerName: freeDeveloperName(draft, 'dashboards', mutation.title),
    folderName: mutation.folderName ?? 'Company',
    description: mutation.description ?? null,
    type: mutation.type ?? 'SpecifiedUser',
    runningUserId: setup.actor,
    namespacePrefix: null,
    ...setup.stamp(),
    components: reports.map((report, i) => ({
      id: setup.newId('01a', componentIds),
      header: report.name,
      title: null,
      reportId: report.id,
      visualization: VISUALIZATIONS[i % VISUALIZATIONS.length]!,
    })),
  });
}

export function changeDashboard(draft: OrgDraft, mutation: MutationOf<'changeDashboard'>): void {
  requireChange(mutation, ['title', 'description']);
  const dashboard = draft.setup.get('dashboards', mutation.dashboard);
  draft.setup.replace('dashboards', dashboard.id, (d) => ({
    ...d,
    title: mutation.title ?? d.title,
    description: mutation.description === undefined ? d.description : mutation.description,
  }));
}

export function removeDashboard(draft: OrgDraft, mutation: MutationOf<'removeDashboard'>): void {
  draft.setup.remove('dashboards', draft.setup.get('dashboards', mutation.dashboard).id);
}
