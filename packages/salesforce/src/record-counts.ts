import pMap from 'p-map';
import type { SalesforceClient } from './salesforce-client.ts';

/**
 * The longest request URL the count requests use. Salesforce refuses URLs past about 16 KB; staying
 * well under it leaves room for proxies, which often stop at 8 KB.
 */
export const maxRecordCountUrlLength = 8000;

/** Count requests in flight at once: a big org needs a handful, each as slow as the org's latency. */
export const recordCountConcurrency = 4;

interface RecordCountAnswer {
  sObjects: { count: number; name: string }[];
}

/**
 * The approximate record count of each of `names` (`/limits/recordCount`), as many names to a call
 * as the URL length allows. Salesforce leaves out objects it has no count for: they are absent
 * from the map (unknown), never zero.
 */
export async function fetchRecordCounts(
  client: SalesforceClient,
  names: readonly string[],
  maxUrlLength = maxRecordCountUrlLength,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const answers = await pMap(
    urlBatches(client, names, maxUrlLength),
    (url) => client.request<RecordCountAnswer>('record_count', { url }),
    { concurrency: recordCountConcurrency },
  );
  for (const body of answers) {
    for (const { name, count } of body.sObjects ?? []) {
      if (typeof name === 'string' && Number.isSafeInteger(count) && count >= 0) counts.set(name, count);
    }
  }
  return counts;
}

/** The request URLs for `names`, each holding as many as fit in `maxUrlLength`. */
export function urlBatches(client: SalesforceClient, names: readonly string[], maxUrlLength: number): string[] {
  const base = client.dataPath('/limits/recordCount?sObjects=');
  const urls: string[] = [];
  let current: string[] = [];
  let length = base.length;
  for (const name of names) {
    const part = encodeURIComponent(name);
    const added = part.length + (current.length > 0 ? 3 : 0); // "%2C" between names
    if (current.length > 0 && length + added > maxUrlLength) {
      urls.push(base + current.join('%2C'));
      current = [];
      length = base.length;
    }
    current.push(part);
    length += part.length + (current.length > 1 ? 3 : 0);
  }
  if (current.length > 0) urls.push(base + current.join('%2C'));
  return urls;
}
