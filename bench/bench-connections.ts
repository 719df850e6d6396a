import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import type { ApiClient, RunView } from './api-client.ts';

/** Objects, fields, descriptions and owners only: the describe fan-out and nothing else of a run. */
export const describeOnlyScope = {
  descriptions: true,
  owners: true,
  recordCounts: false,
  reports: false,
  dashboards: false,
  apexClasses: false,
  apexTriggers: false,
  dependencies: false,
  apexSource: false,
};

/** Registers a connection to a simulated org and waits until it is connected; its id. */
export function connectTo(api: ApiClient, simulatorUrl: string, spec: OrgSpec, scope?: object): Promise<string> {
  return api.connect({
    host: simulatorUrl,
    consumerKey: spec.clientId,
    consumerSecret: spec.clientSecret,
    username: spec.username,
    password: spec.password,
    securityToken: spec.securityToken,
    ...(scope ? { scope } : {}),
  });
}

/** Deletes a connection with its runs and catalog, so that the bench database does not grow from crawl to crawl. */
export async function deleteConnection(api: ApiClient, apiKey: string, connectionId: string): Promise<void> {
  const response = await fetch(`${api.url}/api/v1/connections/${connectionId}`, {
    method: 'DELETE',
    headers: { 'x-api-key': apiKey },
  });
  if (response.status !== 204) throw new Error(`DELETE /connections/${connectionId} answered ${response.status}`);
}

/** A run timed by its own timestamps: from its creation (the POST) to its end (published). */
export interface TimedRun {
  seconds: number;
  run: RunView;
}

/**
 * Starts a full extraction and waits for it, polling every `pollMs`; rejects when `crashed` does (a process of
 * the stack died) or the run fails. The time is the run's own (`finishedAt - createdAt`, both PostgreSQL's
 * clock), so that neither the poll's period nor its load on the API, which grows with the runs polled at once,
 * enters the figure.
 */
export async function timedRun(
  api: ApiClient,
  connectionId: string,
  crashed: Promise<never>,
  pollMs = 100,
): Promise<TimedRun> {
  const runId = await api.startRun(connectionId, 'full');
  const run = await Promise.race([api.waitForRun(runId, pollMs), crashed]);
  return { seconds: runSeconds(run), run };
}

/** How long a finished run took, by its own timestamps. */
export function runSeconds(run: RunView): number {
  if (!run.finishedAt) throw new Error(`run ${run.id} has not finished`);
  return (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000;
}

/** Waits until a run has stored its first object: its describe jobs are all queued by then. */
export async function firstObjectStored(api: ApiClient, runId: string, crashed: Promise<never>): Promise<void> {
  for (;;) {
    const { body: run } = await Promise.race([api.call<RunView>('GET', `/api/v1/extractions/${runId}`), crashed]);
    if (run.progress.objectsDone > 0 || run.status === 'succeeded') return;
    if (run.status === 'failed') throw new Error(`run ${runId} failed: ${JSON.stringify(run.error)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
