import type { Connection, CreateConnection, Extraction, RequestBody } from '@sfmeta/client/api-types';
import type { PollOptions } from '@sfmeta/client/poll-until';
import { unwrap } from '@sfmeta/client/unwrap';
import { waitForConnection } from '@sfmeta/client/wait-for-connection';
import { waitForExtraction } from '@sfmeta/client/wait-for-extraction';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import type { Stack } from './stack.ts';

export type { ConnectionView } from '@sfmeta/api/schemas/connection';
export type { ExtractionView as RunView } from '@sfmeta/api/schemas/extraction';

/** How long a flow waits for a connection or a run to settle before it fails the test. */
const SETTLE_TIMEOUT_MS = 120_000;

/** Polls until `done` holds, or fails the test after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = SETTLE_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs one of the client's waits (waitForExtraction, waitForConnection) polling every 100 ms; after `timeoutMs`
 * it fails the test with the last value read.
 */
async function settled<T>(wait: (options: PollOptions<T>) => Promise<T>, timeoutMs = SETTLE_TIMEOUT_MS): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  let last: T | undefined;
  try {
    return await wait({ intervalMs: 100, signal, onPoll: (value) => (last = value) });
  } catch (error) {
    if (!signal.aborted) throw error;
    throw new Error(`Timed out; last value: ${JSON.stringify(last)}`, { cause: error });
  }
}

/** The request body that registers `org` of the stack's simulator with its password. */
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

/**
 * Registers a password connection and waits until it leaves `pending`. The body is typed `object` as it was
 * before the client (callers build it from connectionBody); it goes out as a CreateConnection and the API checks it.
 */
export async function connect(stack: Stack, body: object): Promise<Connection> {
  const created = await stack.client.POST('/api/v1/connections', { body: body as CreateConnection });
  if (created.response.status !== 202) {
    throw new Error(`POST /connections answered ${created.response.status}: ${JSON.stringify(created.error)}`);
  }
  return settled((options) => waitForConnection(stack.client, unwrap(created).id, options));
}

/** One extraction run as GET /api/v1/extractions/{id} shows it. */
export async function readRun(stack: Stack, runId: string): Promise<Extraction> {
  return unwrap(await stack.client.GET('/api/v1/extractions/{id}', { params: { path: { id: runId } } }));
}

/** Starts an extraction (or finds the active one) and answers it as the API does: 202 with the run. */
export async function startExtraction(
  stack: Stack,
  connectionId: string,
  body: RequestBody<'/api/v1/connections/{id}/extractions', 'post'> = {},
): Promise<Extraction> {
  const started = await stack.client.POST('/api/v1/connections/{id}/extractions', {
    params: { path: { id: connectionId } },
    body,
  });
  if (started.response.status !== 202) {
    throw new Error(`POST /extractions answered ${started.response.status}: ${JSON.stringify(started.error)}`);
  }
  return unwrap(started);
}

/** Starts an extraction and waits until it ends. */
export async function extract(stack: Stack, connectionId: string): Promise<Extraction> {
  return waitForRun(stack, (await startExtraction(stack, connectionId)).id);
}

/** Waits until the run has succeeded or failed and answers it as it ended. */
export function waitForRun(stack: Stack, runId: string): Promise<Extraction> {
  return settled((options) => waitForExtraction(stack.client, runId, options));
}

/** Starts an extraction; returns its id once more than `objects` of its objects are stored (a crawl caught midway). */
export async function extractUntilStored(stack: Stack, connectionId: string, objects = 0): Promise<string> {
  const started = await startExtraction(stack, connectionId);
  await eventually(
    () => readRun(stack, started.id),
    (run) => run.progress.objectsDone > objects,
  );
  return started.id;
}
