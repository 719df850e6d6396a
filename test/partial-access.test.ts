import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import type { Permission } from '@sfmeta/simulator/runtime/permissions';
import { PRIVATE_REPORTS } from '@sfmeta/simulator/org/reports';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { connect, connectionBody, extract, type RunView } from './support/flow.ts';
import { listItems } from './support/setup-comparison.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'restricted',
  seed: 57,
  customObjects: 8,
  fieldsPerObject: 6,
  reports: 30,
  dashboards: 6,
  apexClasses: 12,
  apexTriggers: 5,
  clientId: 'restricted-client',
  clientSecret: 'restricted-secret-value',
  username: 'integration@restricted.test',
  password: 'restricted-password-value',
  securityToken: 'RESTRICTEDTOKEN',
};

interface Extraction extends RunView {
  skipped: { part: string; code: string; message: string }[];
}

/**
 * Integration users often lack a permission. Each case revokes one, extracts, and checks that the run
 * succeeded with everything else, naming exactly the parts it skipped and why.
 */
const cases: { permission: Permission; skipped: [string, string][]; empty: string[] }[] = [
  {
    permission: 'viewSetup',
    skipped: [
      ['apex_classes', 'INVALID_TYPE'],
      ['apex_triggers', 'INVALID_TYPE'],
      ['dependencies', 'INVALID_TYPE'],
      ['descriptions', 'INVALID_TYPE'],
      ['owners', 'INVALID_TYPE'],
    ],
    empty: ['apex-classes', 'apex-triggers'],
  },
  {
    permission: 'toolingApi',
    skipped: [
      ['apex_classes', 'API_DISABLED_FOR_ORG'],
      ['apex_triggers', 'API_DISABLED_FOR_ORG'],
      ['dependencies', 'API_DISABLED_FOR_ORG'],
      ['descriptions', 'API_DISABLED_FOR_ORG'],
      ['owners', 'API_DISABLED_FOR_ORG'],
    ],
    empty: ['apex-classes', 'apex-triggers'],
  },
  { permission: 'reports', skipped: [['reports', 'INVALID_TYPE']], empty: ['reports'] },
  { permission: 'dashboards', skipped: [['dashboards', 'INVALID_TYPE']], empty: ['dashboards'] },
  { permission: 'users', skipped: [['users', 'INVALID_TYPE']], empty: [] },
  { permission: 'privateReports', skipped: [], empty: [] },
];

describe('partial access', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ orgs: [org] });
  });
  afterAll(() => stack?.stop());

  it.each(cases)('without $permission, completes with the rest and says what it skipped', async (testCase) => {
    const simulated = stack.simulator.org(org.name);
    simulated.setFaults({});
    const connection = await connect(stack, connectionBody(stack, org));
    simulated.setFaults({ revokedPermissions: [testCase.permission] });
    const run = await extract(stack, connection.id);
    expect(run.status).toBe('succeeded');
    const shown = await stack.call<Extraction>('GET', `/api/v1/extractions/${run.id}`);
    expect(shown.body.skipped.map(({ part, code }) => [part, code])).toEqual(testCase.skipped);
    for (const skipped of shown.body.skipped) expect(skipped.message.length).toBeGreaterThan(0);
    expect(run.counts.skippedParts).toBe(testCase.skipped.length);

    // Objects and fields never depend on these permissions.
    await expectCatalogEqualsOrg(stack, connection.id, simulated.org);
    for (const path of testCase.empty) expect(await listItems(stack, connection.id, path), path).toEqual([]);
    for (const path of ['reports', 'dashboards', 'apex-classes', 'apex-triggers'].filter(
      (p) => !testCase.empty.includes(p),
    )) {
      expect((await listItems(stack, connection.id, path)).length, path).toBeGreaterThan(0);
    }

    const account = await stack.call<{ description: unknown; lastModifiedBy: { name: unknown } | null }>(
      'GET',
      `/api/v1/connections/${connection.id}/objects/Account`,
    );
    const toolingRefused = testCase.permission === 'viewSetup' || testCase.permission === 'toolingApi';
    if (toolingRefused) expect(account.body.lastModifiedBy).toBeNull();
    else {
      const name = account.body.lastModifiedBy?.name ?? null;
      expect(name).toEqual(testCase.permission === 'users' ? null : expect.any(String));
    }

    if (testCase.permission === 'privateReports') {
      const reports = await listItems(stack, connection.id, 'reports', 2000);
      const hidden = simulated.org.reports.filter((report) => report.folderName === PRIVATE_REPORTS);
      expect(hidden.length).toBeGreaterThan(0);
      for (const report of reports) {
        const isPrivate = hidden.some((candidate) => candidate.id === report.id);
        expect(report.described, report.id).toBe(!isPrivate);
        if (isPrivate) expect(report.undescribedReason).toMatch(/^INSUFFICIENT_ACCESS: /);
      }
    }
  });

  it('describes, once the permission is back, what the last run could not read', async () => {
    const simulated = stack.simulator.org(org.name);
    simulated.setFaults({});
    const connection = await connect(stack, connectionBody(stack, org));
    simulated.setFaults({ revokedPermissions: ['viewSetup', 'reports'] });
    const restricted = await extract(stack, connection.id);
    expect(restricted.counts).toMatchObject({ reports: 0, apexClasses: 0 });
    simulated.setFaults({});
    const restored = await extract(stack, connection.id);
    expect(restored.mode).toBe('incremental');
    expect(restored.counts).toMatchObject({
      reports: simulated.org.reports.length,
      apexClasses: simulated.org.apexClasses.length,
      skippedParts: 0,
    });
    const account = await stack.call<{ description: unknown; lastModifiedDate: unknown }>(
      'GET',
      `/api/v1/connections/${connection.id}/objects/Account`,
    );
    expect(account.body.lastModifiedDate).toEqual(expect.any(String));
  });
});
