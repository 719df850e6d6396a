import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { randomMutations } from '@sfmeta/simulator/mutations/random-mutations';
import { plantedLineage } from '@sfmeta/simulator/org/planted-lineage';
import { createPrng } from '@sfmeta/simulator/prng';
import { expectCatalogEqualsOrg, listCatalogNames } from './support/catalog-comparison.ts';
import { connect, connectionBody, waitForRun, type RunView } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'drift',
  seed: 23,
  customObjects: 30,
  fieldsPerObject: 12,
  clientId: 'drift-client',
  clientSecret: 'drift-secret-value',
  username: 'admin@drift.test',
  password: 'drift-password-value',
  securityToken: 'DRIFTTOKENVALUE',
};

/** Property runs: each mutates the org at random, then crawls it incrementally and in full. */
const rounds = 8;

async function run(stack: Stack, connectionId: string, mode: 'full' | 'incremental'): Promise<RunView> {
  const started = await stack.call<RunView>('POST', `/api/v1/connections/${connectionId}/extractions`, { mode });
  if (started.status !== 202) throw new Error(`POST /extractions answered ${started.status}: ${started.text}`);
  const view = await waitForRun(stack, started.body.id);
  expect(view.error).toBeNull();
  return view;
}

/** Every object of a connection's latest catalog as the API serves it, by name. */
async function catalogOf(stack: Stack, connectionId: string): Promise<Map<string, unknown>> {
  const names = await listCatalogNames(stack, connectionId);
  const objects = await Promise.all(
    names.map(async (name) => (await stack.call('GET', `/api/v1/connections/${connectionId}/objects/${name}`)).body),
  );
  return new Map(names.map((name, index) => [name, objects[index]]));
}

const itemPaths = ['reports', 'dashboards', 'apex-classes', 'apex-triggers'];
const setupKinds = ['report', 'dashboard', 'apex_class', 'apex_trigger'];

/** Every item of a kind in a connection's latest catalog, page by page. */
async function listItems(stack: Stack, connectionId: string, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let after: string | null = '';
  while (after !== null) {
    const page: { status: number; body: { items: unknown[]; next: string | null } } = await stack.call(
      'GET',
      `/api/v1/connections/${connectionId}/${path}?limit=50${after ? `&after=${after}` : ''}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    after = page.body.next;
  }
  return items;
}

describe('incremental re-crawls', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ orgs: [org] });
  });
  afterAll(() => stack?.stop());

  it('build, after random changes to the org, exactly the catalog a full crawl builds', async () => {
    const simulated = stack.simulator.org(org.name);
    const incremental = await connect(stack, connectionBody(stack, org));
    const full = await connect(stack, connectionBody(stack, org));
    await run(stack, incremental.id, 'incremental');
    await run(stack, full.id, 'full');

    // Nothing changed since: describeGlobal answers 304, and that one call is the whole re-crawl.
    // Reports, dashboards and Apex take one call each for what changed since (nothing) and every id (to find
    // removals), users one for those changed since; no describe of any kind, and MetadataComponentDependency
    // is not read again (nothing it is about changed).
    simulated.resetCounters();
    const unchanged = await run(stack, incremental.id, 'incremental');
    expect(simulated.counters.byKind).toMatchObject({
      describe_global: 1,
      record_count: 1,
      composite: 3,
      tooling_composite: 2,
      report_describe: 0,
      dashboard_describe: 0,
    });
    expect(unchanged.apiCalls).toBe(simulated.counters.apiUsage);
    expect(unchanged.apiCalls).toBe(7);
    expect(unchanged.counts).toEqual({
      objects: simulated.org.describes.size,
      fields: [...simulated.org.describes.values()].reduce((sum, object) => sum + object.fields.length, 0),
      objectsUnchanged: simulated.org.describes.size,
      versionsWritten: 0,
      warnings: 0,
      reports: simulated.org.reports.length,
      dashboards: simulated.org.dashboards.length,
      apexClasses: simulated.org.apexClasses.length,
      apexTriggers: simulated.org.apexTriggers.length,
      lineageEdges: plantedLineage(simulated.org).edges.length,
      lineageWarnings: 0,
      skippedParts: 0,
    });
    await expectCatalogEqualsOrg(stack, incremental.id, simulated.org);

    const prng = createPrng(2026);
    // Incremental runs ask for changes since a little before the previous run started (a margin for
    // clock skew), so every object changed during this test is described again each time.
    const everTouched = new Set<string>();

    for (let round = 1; round <= rounds; round++) {
      // Round 3 changes nothing: the re-crawl must then reuse every stored version.
      const count = round === 3 ? 0 : prng.int(1, 8);
      const mutations = randomMutations(simulated.org, { seed: prng.int(0, 1_000_000), count });
      const effect = simulated.mutate(mutations);
      const touched = new Set([...effect.added, ...effect.removed, ...effect.changed]);
      for (const name of touched) everTouched.add(name);
      const objects = simulated.org.describes.size;
      const untouched = [...simulated.org.describes.keys()].filter((name) => !everTouched.has(name)).length;

      simulated.resetCounters();
      const fast = await run(stack, incremental.id, 'incremental');
      const bytesIncremental = simulated.counters.bytesSent;
      simulated.resetCounters();
      const slow = await run(stack, full.id, 'full');
      const bytesFull = simulated.counters.bytesSent;
      const context = `round ${round}: ${JSON.stringify(mutations).slice(0, 400)}`;

      expect(fast.mode, context).toBe('incremental');
      expect(slow.mode, context).toBe('full');
      // Only what changed came back in full; everything else was answered 304 Not Modified.
      expect(fast.counts.objectsUnchanged, context).toBe(untouched);
      expect(fast.counts.objects, context).toBe(objects);
      expect(fast.counts.fields, context).toBe(slow.counts.fields);
      expect(bytesIncremental, context).toBeLessThan(bytesFull);
      if (count === 0) expect(fast.counts.versionsWritten, context).toBe(0);

      const [a, b] = await Promise.all([catalogOf(stack, incremental.id), catalogOf(stack, full.id)]);
      expect([...a.keys()], context).toEqual([...b.keys()]);
      for (const [name, object] of a) expect(object, `${context}: ${name}`).toEqual(b.get(name));
      await expectCatalogEqualsOrg(stack, incremental.id, simulated.org);
      for (const path of itemPaths) {
        const [itemsA, itemsB] = await Promise.all([
          listItems(stack, incremental.id, path),
          listItems(stack, full.id, path),
        ]);
        expect(itemsA, `${context}: ${path}`).toEqual(itemsB);
      }

      // The change history names exactly the objects the mutations touched (or their fields), and the
      // reports, dashboards and Apex they touched, by id.
      const changes = await stack.call<{ items: { kind: string; parent: string; name: string }[]; next: unknown }>(
        'GET',
        `/api/v1/connections/${incremental.id}/changes?limit=1000`,
      );
      expect(changes.status).toBe(200);
      const objectChanges = changes.body.items.filter((item) => item.kind === 'object' || item.kind === 'field');
      const changed = new Set(objectChanges.map((item) => (item.kind === 'object' ? item.name : item.parent)));
      for (const name of changed) expect(touched.has(name), `${context}: ${name} reported changed`).toBe(true);
      for (const name of [...effect.added, ...effect.removed])
        expect(changed.has(name), `${context}: ${name}`).toBe(true);
      const { setupItems } = effect;
      const setupTouched = new Set([...setupItems.added, ...setupItems.removed, ...setupItems.changed]);
      const setupChanged = new Set(
        changes.body.items.filter((item) => setupKinds.includes(item.kind)).map((item) => item.name),
      );
      for (const id of setupChanged) expect(setupTouched.has(id), `${context}: ${id} reported changed`).toBe(true);
      for (const id of [...setupItems.added, ...setupItems.removed])
        expect(setupChanged.has(id), `${context}: ${id}`).toBe(true);
    }
  });
});
