import type { RequestCounters, SimulatorAdminClient } from '@sfmeta/simulator/admin-client';
import type { ApiClient, RunView } from './api-client.ts';
import { processCpuMs } from './process-cpu.ts';

/** A run as GET /extractions/{id} answers it, with the lineage's counts. */
export type LineageRunView = RunView & {
  counts: RunView['counts'] & { lineageEdges: number | null; lineageWarnings: number | null };
};

/** One extraction: how long it took, what the simulator counted, the worker's CPU, and the run. */
export interface Crawl {
  label: string;
  seconds: number;
  counters: RequestCounters;
  /** The worker process's CPU during the run, ms. */
  workerCpuMs: number;
  run: LineageRunView;
}

/** What an extraction is run through. */
export interface ExtractionStack {
  api: ApiClient;
  admin: SimulatorAdminClient;
  /** The simulated org's name, whose counters are reset before the run and read after it. */
  org: string;
  workerPid: number;
}

/** One extraction, timed from the POST to the poll that sees it succeed, its calls counted by the simulator. */
export async function extraction(
  stack: ExtractionStack,
  connectionId: string,
  label: string,
  mode: 'full' | 'incremental',
): Promise<Crawl> {
  await stack.admin.resetCounters(stack.org);
  const cpuBefore = processCpuMs(stack.workerPid);
  const started = performance.now();
  const finished = await stack.api.waitForRun(await stack.api.startRun(connectionId, mode));
  const seconds = (performance.now() - started) / 1000;
  const workerCpuMs = processCpuMs(stack.workerPid) - cpuBefore;
  const { body: run } = await stack.api.call<LineageRunView>('GET', `/api/v1/extractions/${finished.id}`);
  return { label, seconds, counters: await stack.admin.counters(stack.org), workerCpuMs, run };
}
