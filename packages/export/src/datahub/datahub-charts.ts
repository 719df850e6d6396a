import type { DashboardView, ReportView } from '@sfmeta/catalog/item-views';
import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';
import { objectOfNode, parseNodeId } from '../node-ids.ts';
import {
  auditStamp,
  type MetadataChangeProposal,
  mcp,
  millisOf,
  ownershipMcps,
  platformInstanceMcps,
  properties,
} from './datahub-mcp.ts';
import { chartUrn, dashboardUrn, datasetUrn, type UrnScope } from './datahub-urns.ts';

// Reports as DataHub charts (inputs: the objects they read) and dashboards as DataHub dashboards (their charts).

interface Changes {
  createdDate: string | null;
  createdBy: ReportView['createdBy'];
  lastModifiedDate: string | null;
  lastModifiedBy: ReportView['lastModifiedBy'];
}

/** ChangeAuditStamps of an item; the export time stands in for a date Salesforce did not give. */
function changeAuditStamps(item: Changes, exportedAt: number) {
  return {
    created: auditStamp(millisOf(item.createdDate) ?? exportedAt, item.createdBy),
    lastModified: auditStamp(millisOf(item.lastModifiedDate) ?? exportedAt, item.lastModifiedBy),
  };
}

/** A report as a chart whose inputs are the objects its report type and columns read. */
export function chartMcps(
  report: ReportView,
  upstream: readonly LineageEdge[],
  scope: UrnScope,
  exportedAt: number,
): MetadataChangeProposal[] {
  const urn = chartUrn(report.id, scope);
  const objects = new Set(upstream.map((edge) => objectOfNode(edge.source)).filter((object) => object !== null));
  const chartInfo = {
    customProperties: properties({
      'Developer Name': report.developerName,
      Folder: report.folder,
      Format: report.format,
      'Report Type': report.reportType?.type,
      Namespace: report.namespace,
      'Last Run Date': report.lastRunDate,
    }),
    ...(report.url ? { externalUrl: report.url, chartUrl: report.url } : {}),
    title: report.name ?? report.developerName ?? report.id,
    description: report.description ?? '',
    lastModified: changeAuditStamps(report, exportedAt),
    inputs: [...objects].map((object) => datasetUrn(object, scope)),
    type: 'TABLE',
  };
  return [
    mcp('chart', urn, 'chartInfo', chartInfo),
    ...platformInstanceMcps('chart', urn, scope),
    ...ownershipMcps('chart', urn, [
      { user: report.owner, type: 'BUSINESS_OWNER' },
      { user: report.createdBy, type: 'TECHNICAL_OWNER' },
      { user: report.lastModifiedBy, type: 'TECHNICAL_OWNER' },
    ]),
  ];
}

/** A dashboard whose charts are the reports its components chart. */
export function dashboardMcps(
  dashboard: DashboardView,
  upstream: readonly LineageEdge[],
  scope: UrnScope,
  exportedAt: number,
): MetadataChangeProposal[] {
  const urn = dashboardUrn(dashboard.id, scope);
  const reportIds = new Set(
    upstream.flatMap((edge) => {
      const source = parseNodeId(edge.source);
      return source.kind === 'item' && source.itemType === 'report' ? [source.id] : [];
    }),
  );
  const dashboardInfo = {
    customProperties: properties({
      'Developer Name': dashboard.developerName,
      Folder: dashboard.folder,
      Type: dashboard.type,
      'Running User': dashboard.runningUser?.email ?? dashboard.runningUser?.id,
      Namespace: dashboard.namespace,
    }),
    ...(dashboard.url ? { externalUrl: dashboard.url, dashboardUrl: dashboard.url } : {}),
    title: dashboard.title ?? dashboard.developerName ?? dashboard.id,
    description: dashboard.description ?? '',
    charts: [...reportIds].map((id) => chartUrn(id, scope)),
    lastModified: changeAuditStamps(dashboard, exportedAt),
  };
  return [
    mcp('dashboard', urn, 'dashboardInfo', dashboardInfo),
    ...platformInstanceMcps('dashboard', urn, scope),
    ...ownershipMcps('dashboard', urn, [
      { user: dashboard.createdBy, type: 'TECHNICAL_OWNER' },
      { user: dashboard.lastModifiedBy, type: 'TECHNICAL_OWNER' },
    ]),
  ];
}
