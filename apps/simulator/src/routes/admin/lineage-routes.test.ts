import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient, SimulatorAdminError } from '../../admin-client.ts';
import { plantedLineage } from '../../org/planted-lineage.ts';
import { startSimulator, type Simulator } from '../../simulator.ts';
import { adminRequest } from '../../test-http.ts';
import { testOrgSpec } from '../../test-support.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ orgs: [testOrgSpec()], adminToken: 'secret' });
});
afterEach(() => sim.close());

describe('GET /__admin/orgs/:name/lineage', () => {
  it('answers the planted lineage of the org as it is now, by name or org id', async () => {
    const admin = new SimulatorAdminClient({ url: sim.url, token: 'secret' });
    const lineage = await admin.lineage('acme');
    expect(lineage).toEqual(JSON.parse(JSON.stringify(plantedLineage(sim.org('acme').org))));
    expect(new Set(lineage.edges.map((e) => e.kind)).size).toBe(8);
    expect(await admin.lineage(sim.org('acme').org.id)).toEqual(lineage);

    const report = sim
      .org('acme')
      .org.reports.find(
        (r) => !sim.org('acme').org.dashboards.some((d) => d.components.some((c) => c.reportId === r.id)),
      )!;
    await admin.mutate('acme', { mutations: [{ kind: 'removeReport', report: report.id }] });
    const after = await admin.lineage('acme');
    expect(after.edges.some((e) => e.target === `report:${report.id}`)).toBe(false);
    expect(lineage.edges.some((e) => e.target === `report:${report.id}`)).toBe(true);
  });

  it('is refused without the admin token, and 404 for an unknown org', async () => {
    expect((await adminRequest(sim.url, 'GET', '/orgs/acme/lineage')).status).toBe(401);
    const admin = new SimulatorAdminClient({ url: sim.url, token: 'secret' });
    await expect(admin.lineage('nope')).rejects.toThrow(SimulatorAdminError);
    await expect(admin.lineage('nope')).rejects.toMatchObject({ status: 404 });
  });
});
