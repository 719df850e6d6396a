import type { LineageCollector } from './lineage-collector.ts';
import type { LineageDashboard } from './lineage-types.ts';
import { reportNode } from './report-edges.ts';

/** `dashboard_report` edges: one from each report a dashboard's components chart. */
export function collectDashboardEdges(dashboards: readonly LineageDashboard[], collector: LineageCollector): void {
  for (const dashboard of dashboards) {
    if (typeof dashboard?.id !== 'string' || dashboard.id === '') continue;
    for (const reportId of Array.isArray(dashboard.reportIds) ? dashboard.reportIds : []) {
      if (typeof reportId !== 'string' || reportId === '') continue;
      collector.addEdge({
        kind: 'dashboard_report',
        source: reportNode(reportId),
        target: `dashboard:${dashboard.id}`,
        detail: {},
      });
    }
  }
}
