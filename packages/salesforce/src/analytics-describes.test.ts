import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { describeDashboard, describeReport } from './analytics-describes.ts';
import { describeWithinBudget } from './describe-within-budget.ts';
import type { SalesforceClient } from './salesforce-client.ts';
import { simulatedClient } from './fixtures/simulated-client.ts';

const org: OrgSpec = {
  name: 'reporting',
  seed: 44,
  customObjects: 20,
  fieldsPerObject: 5,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@reporting.test',
  password: 'pw',
  securityToken: 'TOKEN',
  reports: 40,
  dashboards: 8,
};

let simulator: Simulator;
let client: SalesforceClient;

beforeAll(async () => {
  simulator = await startSimulator({ orgs: [org], port: 0 });
  client = await simulatedClient(simulator.url, org);
});
afterAll(() => simulator.close());
afterEach(() => simulator.org(org.name).setFaults({}));

describe('describeReport', () => {
  it("names the report's type, its columns and the objects its data comes from, one call each", async () => {
    const simulated = simulator.org(org.name);
    const { reports } = simulated.org;
    expect(reports.some((report) => report.reportType.startsWith('CustomEntity$'))).toBe(true);
    simulated.resetCounters();

    for (const report of reports) {
      const described = await describeReport(client, report.id);
      expect(described.reportType.type).toBe(report.reportType);
      expect(described.columns.map((column) => column.name)).toEqual(report.detailColumns);
      expect(described.columns.every((column) => column.label !== null && column.dataType !== null)).toBe(true);
      const objects = [report.object, ...report.detailColumns.map((column) => column.split('.')[0]!)];
      expect(described.sourceObjects).toEqual([...new Set(objects)].sort());
    }
    expect(simulated.counters.apiUsage).toBe(reports.length);
  });
});

describe('describeDashboard', () => {
  it("lists the dashboard's components and the reports they chart", async () => {
    for (const dashboard of simulator.org(org.name).org.dashboards) {
      const described = await describeDashboard(client, dashboard.id);
      expect(described.components).toEqual(
        dashboard.components.map((component) =>
          expect.objectContaining({
            id: component.id,
            title: component.title ?? component.header,
            reportId: component.reportId,
          }),
        ),
      );
    }
  });
});

describe('describeWithinBudget with analytics describes', () => {
  it('gives private reports and vanished ones their reason, and describes the others', async () => {
    const simulated = simulator.org(org.name);
    simulated.setFaults({ revokedPermissions: ['privateReports'] });
    const { reports } = simulated.org;
    const privateIds = new Set(reports.filter((r) => r.folderName === 'Private Reports').map((r) => r.id));
    expect(privateIds.size).toBeGreaterThan(0);
    const vanished = '00O000000000zzzAAA';

    const outcomes = await describeWithinBudget(
      [...reports.map((report) => report.id), vanished],
      (id) => describeReport(client, id),
      { maxCalls: 1000, concurrency: 4 },
    );

    for (const report of reports) {
      const outcome = outcomes.get(report.id)!;
      if (privateIds.has(report.id))
        expect(outcome).toEqual({ reason: expect.stringMatching(/^INSUFFICIENT_ACCESS: /) });
      else expect(outcome).toEqual({ describe: expect.objectContaining({ sourceObjects: expect.any(Array) }) });
    }
    expect(outcomes.get(vanished)).toEqual({ reason: expect.stringMatching(/^NOT_FOUND: /) });
  });

  it('refuses every dashboard describe when the user may not see dashboards', async () => {
    const simulated = simulator.org(org.name);
    simulated.setFaults({ revokedPermissions: ['dashboards'] });
    const ids = simulated.org.dashboards.map((dashboard) => dashboard.id);
    const outcomes = await describeWithinBudget(ids, (id) => describeDashboard(client, id), {
      maxCalls: 1000,
      concurrency: 2,
    });
    expect(
      [...outcomes.values()].every(
        (outcome) => 'reason' in outcome && outcome.reason.startsWith('INSUFFICIENT_ACCESS'),
      ),
    ).toBe(true);
  });
});
