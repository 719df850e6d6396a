import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { connect, connectionBody, extract, type ConnectionView } from './support/flow.ts';
import { expectSetupEqualsOrg, expectToolingFactsEqualOrg } from './support/setup-comparison.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'complete',
  seed: 41,
  customObjects: 14,
  fieldsPerObject: 8,
  reports: 45,
  dashboards: 9,
  apexClasses: 30,
  apexTriggers: 12,
  clientId: 'complete-client',
  clientSecret: 'complete-secret-value',
  username: 'admin@complete.test',
  password: 'complete-password-value',
  securityToken: 'COMPLETETOKENVALUE',
};

describe('complete metadata', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ orgs: [org] });
  });
  afterAll(() => stack?.stop());

  it('extracts every report, dashboard, Apex class and trigger, description, owner and date exactly', async () => {
    const connection = await connect(stack, { ...connectionBody(stack, org), scope: { apexSource: true } });
    const simulated = stack.simulator.org(org.name).org;
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.counts).toMatchObject({
      reports: simulated.reports.length,
      dashboards: simulated.dashboards.length,
      apexClasses: simulated.apexClasses.length,
      apexTriggers: simulated.apexTriggers.length,
      skippedParts: 0,
    });
    const instanceUrl = String((connection as ConnectionView & { instanceUrl: string }).instanceUrl);
    await expectCatalogEqualsOrg(stack, connection.id, simulated);
    await expectToolingFactsEqualOrg(stack, connection.id, simulated);
    await expectSetupEqualsOrg(stack, connection.id, simulated, instanceUrl);

    // Source only on request: this connection asked for it.
    for (const apexClass of simulated.apexClasses.slice(0, 3)) {
      const shown = await stack.call<{ body?: string }>(
        'GET',
        `/api/v1/connections/${connection.id}/apex-classes/${apexClass.id}`,
      );
      expect(shown.body.body).toBe(apexClass.body);
    }
  });

  it('keeps Apex source out unless the connection opts in, and honours the scope switches', async () => {
    const connection = await connect(stack, {
      ...connectionBody(stack, org),
      scope: { dashboards: false, apexTriggers: false, objects: { include: ['*__c'], companions: false } },
    });
    const simulated = stack.simulator.org(org.name).org;
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.counts).toMatchObject({ dashboards: 0, apexTriggers: 0, reports: simulated.reports.length });
    const customs = [...simulated.describes.keys()].filter((name) => name.endsWith('__c'));
    expect(run.counts.objects).toBe(customs.length);
    const apexClass = simulated.apexClasses[0]!;
    const shown = await stack.call<Record<string, unknown>>(
      'GET',
      `/api/v1/connections/${connection.id}/apex-classes/${apexClass.id}`,
    );
    expect(shown.status).toBe(200);
    expect(shown.body).not.toHaveProperty('body');

    // Switching reports off takes them out of the next catalog; a scope change keeps the session.
    const patched = await stack.call<ConnectionView>('PATCH', `/api/v1/connections/${connection.id}`, {
      scope: { reports: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('connected');
    const next = await extract(stack, connection.id);
    expect(next.counts).toMatchObject({ reports: 0, apexClasses: simulated.apexClasses.length });
    const reports = await stack.call<{ items: unknown[] }>('GET', `/api/v1/connections/${connection.id}/reports`);
    expect(reports.body.items).toEqual([]);

    // Opting in to Apex source reads every class again, not only those changed since the last run.
    await stack.call('PATCH', `/api/v1/connections/${connection.id}`, { scope: { apexSource: true } });
    const withSource = await extract(stack, connection.id);
    expect(withSource.mode).toBe('incremental');
    const sourced = await stack.call<{ body?: string }>(
      'GET',
      `/api/v1/connections/${connection.id}/apex-classes/${apexClass.id}`,
    );
    expect(sourced.body.body).toBe(apexClass.body);
  });

  it('searches reports and objects by name, label and description', async () => {
    const connection = await connect(stack, connectionBody(stack, org));
    const simulated = stack.simulator.org(org.name).org;
    expect((await extract(stack, connection.id)).error).toBeNull();
    const report = simulated.reports.find((candidate) => candidate.description)!;
    const word = report.developerName.slice(0, 8);
    const found = await stack.call<{ items: { id: string }[] }>(
      'GET',
      `/api/v1/connections/${connection.id}/reports?limit=2000&q=${encodeURIComponent(word)}`,
    );
    const matching = simulated.reports.filter((candidate) =>
      [candidate.name, candidate.developerName, candidate.description, candidate.folderName].some((text) =>
        text?.toLowerCase().includes(word.toLowerCase()),
      ),
    );
    expect(found.body.items.map((item) => item.id).sort()).toEqual(matching.map((item) => item.id).sort());

    const described = [...simulated.entities].find(
      ([, entity]) => entity.description && !/\s/.test(entity.description.slice(0, 12)),
    );
    if (described) {
      const [name, entity] = described;
      const term = entity.description!.slice(0, 12);
      const objects = await stack.call<{ items: { name: string }[] }>(
        'GET',
        `/api/v1/connections/${connection.id}/objects?limit=2000&q=${encodeURIComponent(term)}`,
      );
      expect(objects.body.items.map((item) => item.name)).toContain(name);
    }
  });
});
