import type { ConnectionView } from '@sfmeta/api/schemas/connection';
import type { ExtractionView as RunView } from '@sfmeta/api/schemas/extraction';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import type { Stack } from './stack.ts';

export type { ConnectionView } from '@sfmeta/api/schemas/connection';
export type { ExtractionView as RunView } from '@sfmeta/api/schemas/extraction';

/** Polls until `done` holds, or fails the test after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The request body that registers `org` of the stack's simulator. */
export function connectionBody(stack: Stack, org: OrgSpec, overrides: Record<string, string> = {}) {
  return {
    host: stack.simulator.url,
    consumerKey: org.clientId,
    consumerSecret: org.clientSecret,
    username: org.username,
    password: org.password,
    securityToken: org.securityToken,
    ...overrides,
  };
}

/** Registers a connection and waits until it leaves `pending`. */
export async function connect(stack: Stack, body: object): Promise<ConnectionView> {
  const created = await stack.call<ConnectionView>('POST', '/api/v1/connections', body);
  if (created.status !== 202) throw new Error(`POST /connections answered ${created.status}: ${created.text}`);
  return eventually(
    async () => (await stack.call<ConnectionView>('GET', `/api/v1/connections/${created.body.id}`)).body,
    (view) => view.status !== 'pending',
  );
}

/** Starts an extraction and waits until it ends. */
export async function extract(stack: Stack, connectionId: string): Promise<RunView> {
  const started = await stack.call<RunView>('POST', `/api/v1/connections/${connectionId}/extractions`);
  if (started.status !== 202) throw new Error(`POST /extractions answered ${started.status}: ${started.text}`);
  return waitForRun(stack, started.body.id);
}

export function waitForRun(stack: Stack, runId: string): Promise<RunView> {
  return eventually(
    async () => (await stack.call<RunView>('GET', `/api/v1/extractions/${runId}`)).body,
    (view) => view.status === 'succeeded' || view.status === 'failed',
  );
}

/** Starts an extraction; returns its id once more than `objects` of its objects are stored (a crawl caught midway). */
export async function extractUntilStored(stack: Stack, connectionId: string, objects = 0): Promise<string> {
  const started = await stack.call<RunView>('POST', `/api/v1/connections/${connectionId}/extractions`);
  if (started.status !== 202) throw new Error(`POST /extractions answered ${started.status}: ${started.text}`);
  await eventually(
    async () => (await stack.call<RunView>('GET', `/api/v1/extractions/${started.body.id}`)).body,
    (view) => view.progress.objectsDone > objects,
  );
  return started.body.id;
}
