import type { ApiClient } from './api-client.ts';

/** Response times in milliseconds of the two catalog reads, each request timed on its own. */
export interface ReadTimes {
  list: number[];
  get: number[];
}

/** The `after` cursors of every page of a connection's object list (the first page's is ''), and every name. */
export async function catalogPages(api: ApiClient, connectionId: string, limit: number) {
  const cursors = [''];
  const names: string[] = [];
  for (;;) {
    const after = cursors.at(-1)!;
    const { status, body } = await api.call<{ items: { name: string }[]; next: string | null }>(
      'GET',
      `/api/v1/connections/${connectionId}/objects?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
    if (status !== 200) throw new Error(`GET /objects answered ${status}`);
    names.push(...body.items.map((item) => item.name));
    if (!body.next) return { cursors, names };
    cursors.push(body.next);
  }
}

/**
 * `count` list pages (cycling through the list) and `count` single objects (drawn with a seeded
 * generator, so that two calls read the same objects), one request at a time, alternating.
 */
export async function timeReads(
  api: ApiClient,
  connectionId: string,
  pages: { cursors: string[]; names: string[]; limit: number },
  count: number,
): Promise<ReadTimes> {
  const times: ReadTimes = { list: [], get: [] };
  let seed = 12345;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const timed = async (path: string, into: number[]) => {
    const started = performance.now();
    const { status } = await api.call('GET', path);
    into.push(performance.now() - started);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
  };
  const base = `/api/v1/connections/${connectionId}/objects`;
  for (let i = 0; i < count; i++) {
    const after = pages.cursors[i % pages.cursors.length]!;
    await timed(`${base}?limit=${pages.limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`, times.list);
    const name = pages.names[Math.floor(random() * pages.names.length)]!;
    await timed(`${base}/${encodeURIComponent(name)}`, times.get);
  }
  return times;
}

/** The nearest-rank percentile `p` (0..100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
