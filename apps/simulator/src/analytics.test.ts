import { describe, expect, it } from 'vitest';
import { folderIdOf } from './rest/analytics-describes.ts';
import { get, login, testApp, testOrgSpec } from './test-support.ts';

const V = '/services/data/v62.0';

async function setup() {
  const spec = testOrgSpec({ customObjects: 12, reports: 80, dashboards: 10 });
  const { app, state } = await testApp([spec]);
  const token = await login(app, spec);
  return { app, token, runtime: state.orgs.get(spec.name)! };
}

describe('analytics describes', () => {
  it("describe a report: its type, its columns with labels and types, and its type's categories", async () => {
    const { app, token, runtime } = await setup();
    const { org } = runtime;
    const report = org.reports.find(
      (r) => r.object.endsWith('__c') && r.detailColumns.some((c) => !c.startsWith(`${r.object}.`)),
    )!;
    const res = await get(app, token, `${V}/analytics/reports/${report.id}/describe`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['sforce-limit-info']).toBe('api-usage=1/15000');
    const body = res.json();
    const object = org.describes.get(report.object)!;
    expect(body.reportMetadata).toEqual({
      id: report.id,
      name: report.name,
      developerName: report.developerName,
      reportFormat: { Tabular: 'TABULAR', Summary: 'SUMMARY', Matrix: 'MATRIX', MultiBlock: 'MULTI_BLOCK' }[
        report.format
      ],
      reportType: { type: `CustomEntity$${report.object}`, label: object.labelPlural },
      detailColumns: report.detailColumns,
      folderId: folderIdOf(org, report.folderName, report.ownerId),
      description: report.description,
    });
    const info = body.reportExtendedMetadata.detailColumnInfo;
    expect(Object.keys(info)).toEqual(report.detailColumns);
    const own = report.detailColumns.find((c) => c.startsWith(`${report.object}.`))!;
    const ownField = object.fields.find((f) => f.name === own.split('.')[1])!;
    expect(info[own]).toEqual({
      label: ownField.label,
      dataType: ownField.type === 'reference' ? 'id' : ownField.type,
    });
    const parentColumn = report.detailColumns.find((c) => !c.startsWith(`${report.object}.`))!;
    const parent = org.describes.get(parentColumn.split('.')[0]!)!;
    expect(info[parentColumn].label).toMatch(new RegExp(`^${parent.label}: `));
    const labels = body.reportTypeMetadata.categories.map((c: { label: string }) => c.label);
    expect(labels).toEqual([object.labelPlural, parent.labelPlural]);
    expect(Object.keys(body.reportTypeMetadata.categories[0].columns)).toContain(own);

    const standard = org.reports.find((r) => !r.object.endsWith('__c'))!;
    const standardBody = (await get(app, token, `${V}/analytics/reports/${standard.id}/describe`)).json();
    expect(standardBody.reportMetadata.reportType.type).toBe(standard.object);
  });

  it('describe a dashboard: its running user and the reports its components chart', async () => {
    const { app, token, runtime } = await setup();
    const { org } = runtime;
    const dashboard = org.dashboards.find((d) => d.components.length > 1)!;
    // A 15-character id works as well as the 18-character one.
    const res = await get(app, token, `${V}/analytics/dashboards/${dashboard.id.slice(0, 15)}/describe`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: dashboard.id,
      name: dashboard.title,
      developerName: dashboard.developerName,
      folderId: folderIdOf(org, dashboard.folderName, dashboard.runningUserId),
      description: dashboard.description,
      dashboardType: dashboard.type,
      runningUser: {
        id: dashboard.runningUserId,
        displayName: org.users.find((u) => u.id === dashboard.runningUserId)!.name,
      },
      components: dashboard.components.map((c) => ({
        id: c.id,
        header: c.header,
        title: c.title,
        type: 'Report',
        reportId: c.reportId,
        properties: { visualizationType: c.visualization },
      })),
    });
    const reports = new Set(org.reports.map((r) => r.id));
    for (const c of res.json().components) expect(reports.has(c.reportId)).toBe(true);
  });

  it('answers 404 NOT_FOUND for unknown ids, and counts each describe as one API call of its kind', async () => {
    const { app, token, runtime } = await setup();
    const report = runtime.org.reports[0]!;
    const dashboard = runtime.org.dashboards[0]!;
    for (const url of [
      `${V}/analytics/reports/00O000000000000AAA/describe`,
      `${V}/analytics/dashboards/01Z000000000000AAA/describe`,
      `${V}/analytics/reports/${report.id.toLowerCase()}/describe`,
    ]) {
      const res = await get(app, token, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      expect(res.headers['sforce-limit-info']).toMatch(/^api-usage=\d+\/15000$/);
    }
    await get(app, token, `${V}/analytics/reports/${report.id}/describe`);
    await get(app, token, `${V}/analytics/dashboards/${dashboard.id}/describe`);
    expect(runtime.counters).toMatchObject({
      apiUsage: 5,
      byKind: { report_describe: 3, dashboard_describe: 2, other: 0 },
    });
  });
});
