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

/** The If-Modified-Since header value (an HTTP date) for `since`. */
export function httpDate(since: Date): string {
  return since.toUTCString();
}

/** One describe's outcome: the body, or `unchanged` when Salesforce answered 304 Not Modified. */
type DescribeAnswer = ObjectDescribe | 'unchanged' | undefined;

/** Composite accepts at most 25 subrequests, and counts as one API call. */
export const compositeLimit = 25;

/** Lists every object of the org (describeGlobal). */
export async function describeGlobal(client: SalesforceClient): Promise<GlobalObject[]> {
  const listed = await describeGlobalIfModified(client, undefined);
  return listed ?? [];
}

/** describeGlobal, or `undefined` when Salesforce answers 304: nothing changed since `since`. */
export async function describeGlobalIfModified(
  client: SalesforceClient,
  since: Date | undefined,
): Promise<GlobalObject[] | undefined> {
  const answer = await client.exchange<{ sobjects: GlobalObject[] }>('describe_global', {
    url: client.dataPath('/sobjects'),
    ...(since ? { headers: { 'If-Modified-Since': httpDate(since) } } : {}),
  });
  return answer.status === 304 ? undefined : answer.body.sobjects;
}

/** Describes one object with its own request; `unchanged` when `since` is given and nothing changed. */
export async function describeObject(
  client: SalesforceClient,
  name: string,
  since?: Date,
): Promise<ObjectDescribe | 'unchanged'> {
  const answer = await client.exchange<ObjectDescribe>('describe', {
    url: client.dataPath(`/sobjects/${encodeURIComponent(name)}/describe`),
    ...(since ? { headers: { 'If-Modified-Since': httpDate(since) } } : {}),
  });
  return answer.status === 304 ? 'unchanged' : answer.body;
}

/** What describeObjects hands over for each composite call. */
export interface DescribedBatch {
  describes: ObjectDescribe[];
  /** Objects Salesforce answered 304 Not Modified for. */
  unchanged: string[];
}

export interface DescribeOptions {
  concurrency: number;
  /**
   * When an object may be answered 304 Not Modified: the date its stored copy is known good at.
   * Objects without one are always described in full.
   */
  modifiedSince?: (name: string) => Date | undefined;
  onBatch: (batch: DescribedBatch) => Promise<void>;
}

/**
 * Describes objects 25 to a `/composite` call, `concurrency` calls at a time, handing each
 * batch to `onBatch` as it arrives. Objects with a `modifiedSince` date are asked for with
 * If-Modified-Since (inside composite, through the subrequest's httpHeaders), so an unchanged
 * one costs a few bytes. Subrequests that fail, and whole batches that composite refuses, fall
 * back to one describe request per object. Objects that no longer exist are returned in `missing`.
 */
export async function describeObjects(
  client: SalesforceClient,
  names: string[],
  options: DescribeOptions,
): Promise<{ missing: string[] }> {
  const since = options.modifiedSince ?? (() => undefined);
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
        const result = await describeBatch(client, batch, since);
        missing.push(...result.missing);
        await options.onBatch({ describes: result.describes, unchanged: result.unchanged });
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
  since: (name: string) => Date | undefined,
): Promise<DescribedBatch & { missing: string[] }> {
  let answers: DescribeAnswer[];
  try {
    answers = await describeThroughComposite(client, names, since);
  } catch (error) {
    if (!(error instanceof SalesforceError) || !(error.kind === 'invalid' || error.code === 'NOT_FOUND')) throw error;
    answers = names.map(() => undefined);
  }
  const describes: ObjectDescribe[] = [];
  const unchanged: string[] = [];
  const missing: string[] = [];
  const take = (name: string, answer: ObjectDescribe | 'unchanged') => {
    if (answer === 'unchanged') unchanged.push(name);
    else describes.push(answer);
  };
  for (const [index, name] of names.entries()) {
    const answer = answers[index];
    if (answer) {
      take(name, answer);
      continue;
    }
    try {
      take(name, await describeObject(client, name, since(name)));
    } catch (error) {
      if (error instanceof SalesforceError && error.code === 'NOT_FOUND') missing.push(name);
      else throw error;
    }
  }
  return { describes, unchanged, missing };
}

/** Composite's answers in order: a describe (200), `unchanged` (304), undefined where a subrequest failed. */
async function describeThroughComposite(
  client: SalesforceClient,
  names: string[],
  since: (name: string) => Date | undefined,
): Promise<DescribeAnswer[]> {
  const body = await client.request<CompositeResponse>('composite', {
    method: 'POST',
    url: client.dataPath('/composite'),
    body: {
      allOrNone: false,
      compositeRequest: names.map((name, index) => {
        const modifiedSince = since(name);
        return {
          method: 'GET',
          url: client.dataPath(`/sobjects/${encodeURIComponent(name)}/describe`),
          referenceId: `describe${index}`,
          ...(modifiedSince ? { httpHeaders: { 'If-Modified-Since': httpDate(modifiedSince) } } : {}),
        };
      }),
    },
  });
  const byReference = new Map(body.compositeResponse.map((answer) => [answer.referenceId, answer]));
  return names.map((_, index) => {
    const answer = byReference.get(`describe${index}`);
    if (answer?.httpStatusCode === 304) return 'unchanged';
    return answer?.httpStatusCode === 200 ? (answer.body as ObjectDescribe) : undefined;
  });
}
