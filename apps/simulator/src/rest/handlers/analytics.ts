import { PRIVATE_REPORTS } from '../../org/reports.ts';
import { checkAnalyticsPermission, checkPrivateReport } from '../../runtime/permissions.ts';
import { isIdOf } from '../../salesforce-id.ts';
import { dashboardDescribe, reportDescribe } from '../analytics-describes.ts';
import { restErrors } from '../rest-error.ts';
import type { RestRoute } from '../rest-types.ts';

/** GET /analytics/reports/ID/describe and GET /analytics/dashboards/ID/describe (15- or 18-character ids). */
export const analyticsRoutes: RestRoute[] = [
  {
    kind: 'report_describe',
    pattern: /^\/analytics\/reports\/([^/]+)\/describe$/,
    methods: ['GET'],
    handle: (_req, { org }, [id]) => {
      const { faults } = org.faults;
      checkAnalyticsPermission(faults, 'reports');
      const report = org.org.reports.find((r) => isIdOf(id!, r.id));
      if (!report) throw restErrors.notFound();
      checkPrivateReport(faults, report.folderName === PRIVATE_REPORTS);
      return { status: 200, body: reportDescribe(org.org, report) };
    },
  },
  {
    kind: 'dashboard_describe',
    pattern: /^\/analytics\/dashboards\/([^/]+)\/describe$/,
    methods: ['GET'],
    handle: (_req, { org }, [id]) => {
      checkAnalyticsPermission(org.faults.faults, 'dashboards');
      const dashboard = org.org.dashboards.find((d) => isIdOf(id!, d.id));
      if (!dashboard) throw restErrors.notFound();
      return { status: 200, body: dashboardDescribe(org.org, dashboard) };
    },
  },
];
