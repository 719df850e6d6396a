import { SimulatorAdminClient } from '@sfmeta/simulator/admin-client';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator } from '@sfmeta/simulator/simulator';

/** The simulator the demo crawls: its URL, the org's API usage so far, and how to let it go. */
export interface DemoSimulator {
  url: string;
  apiUsage(): Promise<number>;
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
    return {
      url: simulator.url,
      apiUsage: async () => simulator.org(spec.name).counters.apiUsage,
      close: () => simulator.close(),
    };
  }
  const admin = new SimulatorAdminClient({ url: options.url, token: process.env.SIMULATOR_ADMIN_TOKEN });
  await admin.setShape(spec.name, { customObjects: spec.customObjects, fieldsPerObject: spec.fieldsPerObject });
  await admin.resetCounters(spec.name);
  return {
    url: options.url.replace(/\/+$/, ''),
    apiUsage: async () => (await admin.counters(spec.name)).apiUsage,
    close: async () => {},
  };
}
