import type { SalesforceClient } from './salesforce-client.ts';

/** What a report shows and where its data comes from. */
export interface ReportDescribe {
  reportType: { type: string; label: string | null };
  columns: { name: string; label: string | null; dataType: string | null }[];
  /** The report type's object and the objects of its `Object.Field` columns, sorted, without duplicates. */
  sourceObjects: string[];
}

/** A dashboard's components and the reports they show. */
export interface DashboardDescribe {
  components: { id: string; title: string | null; type: string | null; reportId: string | null }[];
}

interface ReportDescribeBody {
  reportMetadata?: { reportType?: { type?: string; label?: string }; detailColumns?: string[] };
  reportExtendedMetadata?: { detailColumnInfo?: Record<string, { label?: string; dataType?: string } | undefined> };
}

interface DashboardDescribeBody {
  components?: {
    id?: string;
    header?: string | null;
    title?: string | null;
    type?: string;
    reportId?: string | null;
  }[];
}

/** Report types of custom objects are named `CustomEntity$Obj__c`; standard ones after the object. */
const customEntityPrefix = 'CustomEntity$';

/** Describes a report (`/analytics/reports/{id}/describe`, one API call): type, columns, source objects. */
export async function describeReport(client: SalesforceClient, id: string): Promise<ReportDescribe> {
  const body = await client.request<ReportDescribeBody>('report_describe', {
    url: client.dataPath(`/analytics/reports/${encodeURIComponent(id)}/describe`),
  });
  const type = body.reportMetadata?.reportType?.type ?? '';
  const info = body.reportExtendedMetadata?.detailColumnInfo ?? {};
  const columns = (body.reportMetadata?.detailColumns ?? []).map((name) => ({
    name,
    label: info[name]?.label ?? null,
    dataType: info[name]?.dataType ?? null,
  }));
  const sources = new Set<string>();
  if (type) sources.add(type.startsWith(customEntityPrefix) ? type.slice(customEntityPrefix.length) : type);
  for (const { name } of columns) {
    const dot = name.indexOf('.');
    if (dot > 0) sources.add(name.slice(0, dot));
  }
  return {
    reportType: { type, label: body.reportMetadata?.reportType?.label ?? null },
    columns,
    sourceObjects: [...sources].sort(),
  };
}

/** Describes a dashboard (`/analytics/dashboards/{id}/describe`, one API call): its components' reports. */
export async function describeDashboard(client: SalesforceClient, id: string): Promise<DashboardDescribe> {
  const body = await client.request<DashboardDescribeBody>('dashboard_describe', {
    url: client.dataPath(`/analytics/dashboards/${encodeURIComponent(id)}/describe`),
  });
  return {
    components: (body.components ?? []).map((component) => ({
      id: String(component.id ?? ''),
      title: component.title || component.header || null,
      type: component.type ?? null,
      reportId: component.reportId ?? null,
    })),
  };
}
