import { SimulatorAdminClient } from '@sfmeta/simulator/admin-client';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { randomMutations, startSimulator, type MutationResult } from '@sfmeta/simulator/simulator';

/** The simulator the demo crawls: its URL, the org's counters, changes to its org, and how to let it go. */
export interface DemoSimulator {
  url: string;
  apiUsage(): Promise<number>;
  /** Bytes of response bodies the org has sent so far. */
  bytesSent(): Promise<number>;
  /** Changes the org as an admin would: `count` random, seeded changes (objects, fields, labels, formulas). */
  mutate(seed: number, count: number): Promise<MutationResult>;
  close(): Promise<void>;
}

/**
 * A simulator of the demo's own, or one already running at `url` (`npm run dev:simulator`, a
 * container): then its org named `spec.name` is reshaped and its counters zeroed through the
 * admin API, and it keeps running afterwards.
 */
export async function demoSimulator(spec: OrgSpec, options: { url?: string; port: number }): Promise<DemoSimulator> {
  if (!options.url) {
    const simulator = await startSimulator({ orgs: [spec], port: options.port });
    const org = simulator.org(spec.name);
    return {
      url: simulator.url,
      apiUsage: async () => org.counters.apiUsage,
      bytesSent: async () => org.counters.bytesSent,
      mutate: async (seed, count) => org.mutate(randomMutations(org.org, { seed, count })),
      close: () => simulator.close(),
    };
  }
  const admin = new SimulatorAdminClient({ url: options.url, token: process.env.SIMULATOR_ADMIN_TOKEN });
  await admin.setShape(spec.name, { customObjects: spec.customObjects, fieldsPerObject: spec.fieldsPerObject });
  await admin.resetCounters(spec.name);
  return {
    url: options.url.replace(/\/+$/, ''),
    apiUsage: async () => (await admin.counters(spec.name)).apiUsage,
    bytesSent: async () => (await admin.counters(spec.name)).bytesSent,
    mutate: (seed, count) => admin.mutate(spec.name, { random: { seed, count } }),
    close: async () => {},
  };
}
