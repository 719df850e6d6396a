import pMap from 'p-map';
import type { SalesforceClient } from './salesforce-client.ts';
import { SalesforceError } from './salesforce-error.ts';

/** One entry of describeGlobal's `sobjects`. */
export interface GlobalObject {
  name: string;
  label: string;
  custom: boolean;
  queryable: boolean;
  [attribute: string]: unknown;
}

/** A raw sObject describe body, as Salesforce sends it. */
export interface ObjectDescribe {
  name: string;
  [attribute: string]: unknown;
}

interface CompositeResponse {
  compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string }[];
}

/** Composite accepts at most 25 subrequests, and counts as one API call. */
export const compositeLimit = 25;

/** Lists every object of the org (describeGlobal). */
export async function describeGlobal(client: SalesforceClient): Promise<GlobalObject[]> {
  const body = await client.request<{ sobjects: GlobalObject[] }>('describe_global', {
    url: client.dataPath('/sobjects'),
  });
  return body.sobjects;
}

/** Describes one object with its own request. */
export async function describeObject(client: SalesforceClient, name: string): Promise<ObjectDescribe> {
  return client.request<ObjectDescribe>('describe', {
    url: client.dataPath(`/sobjects/${encodeURIComponent(name)}/describe`),
  });
}

/**
 * Describes objects 25 to a `/composite` call, `concurrency` calls at a time, handing each
 * batch to `onBatch` as it arrives. Subrequests that fail, and whole batches that composite
 * refuses, fall back to one describe request per object. Objects that no longer exist are
 * returned in `missing`.
 */
export async function describeObjects(
  client: SalesforceClient,
  names: string[],
  options: { concurrency: number; onBatch: (describes: ObjectDescribe[]) => Promise<void> },
): Promise<{ missing: string[] }> {
  const missing: string[] = [];
  const batches: string[][] = [];
  for (let index = 0; index < names.length; index += compositeLimit) {
    batches.push(names.slice(index, index + compositeLimit));
  }
  // After a failure no new batch starts, and the ones in flight finish before the caller hears
  // of it, so nothing keeps calling Salesforce behind its back.
  let failure: { error: unknown } | undefined;
  await pMap(
    batches,
    async (batch) => {
      if (failure) return;
      try {
        const result = await describeBatch(client, batch);
        missing.push(...result.missing);
        await options.onBatch(result.describes);
      } catch (error) {
        failure ??= { error };
      }
    },
    { concurrency: options.concurrency },
  );
  if (failure) throw failure.error;
  return { missing };
}

async function describeBatch(
  client: SalesforceClient,
  names: string[],
): Promise<{ describes: ObjectDescribe[]; missing: string[] }> {
  let answers: (ObjectDescribe | undefined)[];
  try {
    answers = await describeThroughComposite(client, names);
  } catch (error) {
    if (!(error instanceof SalesforceError) || !(error.kind === 'invalid' || error.code === 'NOT_FOUND')) throw error;
    answers = names.map(() => undefined);
  }
  const describes: ObjectDescribe[] = [];
  const missing: string[] = [];
  for (const [index, name] of names.entries()) {
    const answer = answers[index];
    if (answer) {
      describes.push(answer);
      continue;
    }
    try {
      describes.push(await describeObject(client, name));
    } catch (error) {
      if (error instanceof SalesforceError && error.code === 'NOT_FOUND') missing.push(name);
      else throw error;
    }
  }
  return { describes, missing };
}

/** The describes composite answered with 200, in order; undefined where a subrequest failed. */
async function describeThroughComposite(
  client: SalesforceClient,
  names: string[],
): Promise<(ObjectDescribe | undefined)[]> {
  const body = await client.request<CompositeResponse>('composite', {
    method: 'POST',
    url: client.dataPath('/composite'),
    body: {
      allOrNone: false,
      compositeRequest: names.map((name, index) => ({
        method: 'GET',
        url: client.dataPath(`/sobjects/${encodeURIComponent(name)}/describe`),
        referenceId: `describe${index}`,
      })),
    },
  });
  const byReference = new Map(body.compositeResponse.map((answer) => [answer.referenceId, answer]));
  return names.map((_, index) => {
    const answer = byReference.get(`describe${index}`);
    return answer?.httpStatusCode === 200 ? (answer.body as ObjectDescribe) : undefined;
  });
}
