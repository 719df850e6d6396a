import type { Prng } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';
import type { AuditStamp, AuditStamper } from './audit-stamps.ts';
import { withOddNote } from './odd-text.ts';
import { developerNameOf, type OrgReport, PRIVATE_REPORTS } from './reports.ts';
import type { OrgUser } from './users.ts';

/** Dashboard.Type: whose data the dashboard shows. */
export const DASHBOARD_TYPES = ['SpecifiedUser', 'LoggedInUser', 'MyTeamUser'] as const;
export type DashboardType = (typeof DASHBOARD_TYPES)[number];

export const DASHBOARD_FOLDERS = ['Sales Dashboards', 'Service Dashboards', 'Executive Dashboards', 'Company'];
export const VISUALIZATIONS = ['Bar', 'Column', 'Donut', 'Gauge', 'Line', 'Metric', 'Table', 'Funnel'];

/** One component of a dashboard: a chart of one report. */
export interface DashboardComponent {
  /** 18-character id ('01a...'). */
  id: string;
  header: string | null;
  title: string | null;
  /** A report of Org.reports. */
  reportId: string;
  visualization: string;
}

/** A dashboard: its SOQL row and what its analytics describe says (components and their reports). */
export interface OrgDashboard extends AuditStamp {
  /** 18-character id ('01Z...'). */
  id: string;
  title: string;
  developerName: string;
  folderName: string;
  description: string | null;
  type: DashboardType;
  /** A user of Org.users. */
  runningUserId: string;
  namespacePrefix: string | null;
  systemModstamp: Date;
  components: DashboardComponent[];
}

const TOPICS = ['Pipeline', 'Bookings', 'Case Backlog', 'Win Rate', 'Renewals', 'Forecast', 'Churn', 'Adoption'];

/**
 * `count` dashboards whose components chart the org's shared reports (a dashboard cannot show a private report);
 * component ids are numbered across the org.
 */
export function generateDashboards(
  count: number,
  reports: readonly OrgReport[],
  users: readonly OrgUser[],
  stamper: AuditStamper,
  prng: Prng,
  latest: Date,
): OrgDashboard[] {
  const shared = reports.filter((r) => r.folderName !== PRIVATE_REPORTS);
  const active = users.filter((u) => u.isActive);
  let componentIndex = 0;
  return Array.from({ length: count }, (_, i) => {
    const title = `${prng.pick(TOPICS)} Dashboard`;
    const components: DashboardComponent[] = [];
    for (let n = shared.length === 0 ? 0 : prng.int(1, 8); n > 0; n--) {
      const report = prng.pick(shared);
      components.push({
        id: recordId('01a', componentIndex++),
        header: prng.chance(0.7) ? report.name : null,
        title: prng.chance(0.4) ? `${report.name} (${prng.pick(['count', 'sum', 'average'])})` : null,
        reportId: report.id,
        visualization: prng.pick(VISUALIZATIONS),
      });
    }
    const stamp = stamper.stamp(latest, 600);
    return {
      id: recordId('01Z', i),
      title,
      developerName: developerNameOf(title, i + 1),
      folderName: prng.pick(DASHBOARD_FOLDERS),
      description: prng.chance(0.5) ? withOddNote(`Key ${title.toLowerCase()} metrics.`, i, 3) : null,
      type: prng.chance(0.7) ? 'SpecifiedUser' : prng.pick(DASHBOARD_TYPES),
      runningUserId: prng.pick(active).id,
      namespacePrefix: null,
      systemModstamp: stamp.lastModifiedDate,
      ...stamp,
      components,
    };
  });
}
