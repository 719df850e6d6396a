import type pg from 'pg';
import { LineageStore } from '@sfmeta/catalog/lineage-store';
import { percentile } from './catalog-reads.ts';
import type { SampledNode } from './lineage-sample.ts';

export type Direction = 'both' | 'upstream' | 'downstream';

/** One timed lineage walk: the node, the direction, the answer's size, and how long the HTTP request took. */
export interface WalkTime {
  node: SampledNode;
  direction: Direction;
  ms: number;
  /** The answer's size, in characters of JSON. */
  bytes: number;
  nodes: number;
  edges: number;
  truncated: boolean;
}

/** The lineage walks and their baseline, GET /objects/:name, timed one request at a time, alternating. */
export interface QueryTimes {
  walks: WalkTime[];
  objectReads: number[];
}

interface WalkAnswer {
  nodes: { id: string; distance: number }[];
  edges: unknown[];
  truncated: boolean;
}

/** The API over HTTP, each request timed from sending it to the last byte of its body (parsing left out). */
export class TimedApi {
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  async get<T>(path: string): Promise<{ ms: number; bytes: number; body: T }> {
    const started = performance.now();
    const response = await fetch(this.url + path, { headers: { 'x-api-key': this.apiKey } });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return { ms, bytes: text.length, body: JSON.parse(text) as T };
  }
}

const walkPath = (connectionId: string, node: string, direction: Direction, depth: number) =>
  `/api/v1/connections/${connectionId}/lineage?node=${encodeURIComponent(node)}&direction=${direction}&depth=${depth}`;

/** One walk of `depth` from `node`. */
export async function walk(
  api: TimedApi,
  connectionId: string,
  node: SampledNode,
  direction: Direction,
  depth: number,
): Promise<WalkTime & { answer: WalkAnswer }> {
  const { ms, bytes, body } = await api.get<WalkAnswer>(walkPath(connectionId, node.id, direction, depth));
  return {
    node,
    direction,
    ms,
    bytes,
    nodes: body.nodes.length,
    edges: body.edges.length,
    truncated: body.truncated,
    answer: body,
  };
}

/**
 * `count` lineage walks of `depth` (every node both ways, upstream and downstream, in turn) after `warmUp`
 * untimed ones, each followed by the baseline: GET /objects/:name of the node's object (nodes without one take
 * the sampled objects in turn).
 */
export async function timeWalks(
  api: TimedApi,
  connectionId: string,
  nodes: readonly SampledNode[],
  options: { count: number; depth: number; warmUp: number },
): Promise<QueryTimes> {
  const directions: Direction[] = ['both', 'upstream', 'downstream'];
  const plan = directions.flatMap((direction) => nodes.map((node) => ({ node, direction })));
  const objects = [...new Set(nodes.flatMap((node) => (node.object ? [node.object] : [])))];
  const objectPath = (name: string) => `/api/v1/connections/${connectionId}/objects/${encodeURIComponent(name)}`;
  for (let i = 0; i < options.warmUp; i++) {
    const { node, direction } = plan[i % plan.length]!;
    await walk(api, connectionId, node, direction, options.depth);
    await api.get(objectPath(objects[i % objects.length]!));
  }
  const times: QueryTimes = { walks: [], objectReads: [] };
  let other = 0;
  for (let i = 0; i < options.count; i++) {
    const { node, direction } = plan[i % plan.length]!;
    const { answer: _, ...timed } = await walk(api, connectionId, node, direction, options.depth);
    times.walks.push(timed);
    const object = node.object ?? objects[other++ % objects.length]!;
    times.objectReads.push((await api.get(objectPath(object))).ms);
  }
  return times;
}

/**
 * The frontier of a one-way walk's last step that found nodes: the nodes one edge short of the farthest. A walk cut
 * at its edge limit stops within a step, so this is the statement that reached the limit; a walk that found nothing
 * has the node itself.
 */
export function lastFrontier(answer: WalkAnswer): string[] {
  const farthest = Math.max(...answer.nodes.map((node) => node.distance));
  return answer.nodes.filter((node) => node.distance === Math.max(farthest - 1, 0)).map((node) => node.id);
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of LineageStore.neighbours' statement (packages/catalog/src/lineage-store.ts, the
 * same text) for `nodes` in `direction`, on the catalog at `seq`.
 */
export async function explainNeighbours(
  pool: pg.Pool,
  view: { connectionId: string; seq: number },
  nodes: readonly string[],
  direction: 'upstream' | 'downstream',
): Promise<string[]> {
  const valid = 'v.connection_id = $1 AND v.from_seq <= $2 AND (v.to_seq IS NULL OR v.to_seq > $2)';
  const where =
    direction === 'downstream'
      ? 'v.parent = ANY ($3::text[])'
      : `(v.content->>'target') COLLATE "C" = ANY ($3::text[])`;
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS)
     SELECT v.content FROM catalog_versions v WHERE ${valid} AND v.kind = 'edge' AND ${where}`,
    [view.connectionId, view.seq, nodes],
  );
  return rows.map((row) => row['QUERY PLAN']);
}

/** The most edges one walk of the API returns by default (apps/api/src/routes/api/v1/connections/lineage.ts). */
const routeMaxEdges = 2000;

/** Where one walk's time goes, medians of several: over HTTP, and in LineageStore.subgraph with its SQL. */
export interface WalkProfile {
  httpMs: number;
  bytes: number;
  storeMs: number;
  statements: number;
  /** The statements' time as the store's pool client saw it (round trip and row parsing included). */
  sqlMs: number;
}

/** Times a walk over HTTP and in the store alone (its statements counted and timed), `times` times each. */
export async function profileWalk(
  api: TimedApi,
  pool: pg.Pool,
  view: { connectionId: string; seq: number },
  walked: { node: SampledNode; direction: Direction; depth: number },
  times = 3,
): Promise<WalkProfile> {
  let statements: number[] = [];
  const timedQuery =
    (target: pg.Pool) =>
    async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await (target.query as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      } finally {
        statements.push(performance.now() - started);
      }
    };
  const counted = new Proxy(pool, {
    get: (target, key, receiver) => (key === 'query' ? timedQuery(target) : Reflect.get(target, key, receiver)),
  });
  const store = new LineageStore(counted);
  const runs: { http: number; bytes: number; store: number; statements: number; sql: number }[] = [];
  for (let i = 0; i < times; i++) {
    const http = await walk(api, view.connectionId, walked.node, walked.direction, walked.depth);
    statements = [];
    const started = performance.now();
    await store.subgraph({ ...view, latest: true }, walked.node.id, {
      direction: walked.direction,
      depth: walked.depth,
      maxEdges: routeMaxEdges,
    });
    runs.push({
      http: http.ms,
      bytes: http.bytes,
      store: performance.now() - started,
      statements: statements.length,
      sql: statements.reduce((sum, ms) => sum + ms, 0),
    });
  }
  const median = (pick: (run: (typeof runs)[number]) => number) => percentile(runs.map(pick), 50);
  return {
    httpMs: median((run) => run.http),
    bytes: median((run) => run.bytes),
    storeMs: median((run) => run.store),
    statements: median((run) => run.statements),
    sqlMs: median((run) => run.sql),
  };
}
