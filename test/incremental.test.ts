import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { randomMutations } from '@sfmeta/simulator/mutations/random-mutations';
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
    simulated.resetCounters();
    const unchanged = await run(stack, incremental.id, 'incremental');
    expect(unchanged.apiCalls).toBe(1 + simulated.counters.byKind.record_count);
    expect(simulated.counters.byKind.describe_global).toBe(1);
    expect(simulated.counters.byKind.composite).toBe(0);
    expect(simulated.counters.byKind.record_count).toBe(1);
    expect(unchanged.counts).toEqual({
      objects: simulated.org.describes.size,
      fields: [...simulated.org.describes.values()].reduce((sum, object) => sum + object.fields.length, 0),
      objectsUnchanged: simulated.org.describes.size,
      versionsWritten: 0,
      warnings: 0,
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

      // The change history names exactly the objects the mutations touched (or their fields).
      const changes = await stack.call<{ items: { kind: string; parent: string; name: string }[]; next: unknown }>(
        'GET',
        `/api/v1/connections/${incremental.id}/changes?limit=1000`,
      );
      expect(changes.status).toBe(200);
      const changed = new Set(changes.body.items.map((item) => (item.kind === 'object' ? item.name : item.parent)));
      for (const name of changed) expect(touched.has(name), `${context}: ${name} reported changed`).toBe(true);
      for (const name of [...effect.added, ...effect.removed])
        expect(changed.has(name), `${context}: ${name}`).toBe(true);
    }
  });
});
