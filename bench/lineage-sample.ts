import type { ApiClient } from './api-client.ts';

/** An edge as /lineage/edges answers it. */
export interface EdgeView {
  kind: string;
  source: string;
  target: string;
  detail: { componentType?: string };
}

/** A node to query, with what it is, and the object whose GET /objects/:name is its baseline (if any). */
export interface SampledNode {
  id: string;
  what: string;
  object: string | undefined;
}

/** Every edge of a connection's latest lineage, paged through /lineage/edges (2,000 to a page). */
export async function allEdges(api: ApiClient, connectionId: string): Promise<EdgeView[]> {
  const edges: EdgeView[] = [];
  let after: string | null = null;
  do {
    const query: string = after ? `&after=${encodeURIComponent(after)}` : '';
    const { status, body } = await api.call<{ items: EdgeView[]; next: string | null }>(
      'GET',
      `/api/v1/connections/${connectionId}/lineage/edges?limit=2000${query}`,
    );
    if (status !== 200) throw new Error(`GET /lineage/edges answered ${status}`);
    edges.push(...body.items);
    after = body.next;
  } while (after);
  return edges;
}

/** How many edges of each kind. */
export function edgesByKind(edges: readonly { kind: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const edge of edges) out[edge.kind] = (out[edge.kind] ?? 0) + 1;
  return out;
}

/** `count` items evenly spread over the sorted distinct `values`. */
function spread(values: Iterable<string>, count: number): string[] {
  const sorted = [...new Set(values)].sort();
  if (sorted.length <= count) return sorted;
  return Array.from({ length: count }, (_, i) => sorted[Math.floor((i * sorted.length) / count)]!);
}

/** The `count` values seen most often, most first. */
function mostFrequent(values: Iterable<string>, count: number): string[] {
  const seen = new Map<string, number>();
  for (const value of values) seen.set(value, (seen.get(value) ?? 0) + 1);
  return [...seen]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, count)
    .map(([value]) => value);
}

const objectOf = (node: string) => (node.includes(':') ? undefined : node.split('.')[0]);

/**
 * About fifty nodes of every kind, chosen from the edges so that two runs pick the same: the most referenced
 * objects (User, Account, Contact and the like) and some custom ones, formula and roll-up fields (those read by
 * the most formulas too), fields that reports show, reports, dashboards, Apex classes, triggers and flows.
 */
export function sampleNodes(edges: readonly EdgeView[]): SampledNode[] {
  const of = (kind: string, end: 'source' | 'target', keep: (node: string) => boolean = () => true) =>
    edges
      .filter((edge) => edge.kind === kind)
      .map((edge) => edge[end])
      .filter(keep);
  const referenced = of('reference', 'source');
  const picks: [string, string[]][] = [
    ['standard object', ['User', 'Account', 'Contact'].filter((name) => referenced.includes(name))],
    ['most referenced object', mostFrequent(referenced, 6)],
    [
      'custom object',
      spread(
        referenced.filter((name) => name.endsWith('__c')),
        4,
      ),
    ],
    ['formula field', spread(of('formula', 'target'), 8)],
    ['field read by most formulas', mostFrequent(of('formula', 'source'), 3)],
    ['roll-up field', spread(of('rollup', 'target'), 4)],
    ['field in reports', spread(of('report_field', 'source'), 4)],
    ['report', spread(of('report_object', 'target'), 7)],
    ['dashboard', spread(of('dashboard_report', 'target'), 4)],
    [
      'Apex class',
      spread(
        of('dependency', 'target', (node) => node.startsWith('apex_class:')),
        4,
      ),
    ],
    ['trigger', spread(of('trigger_object', 'target'), 2)],
    [
      'flow',
      spread(
        of('dependency', 'target', (node) => node.startsWith('flow:')),
        2,
      ),
    ],
  ];
  const out = new Map<string, SampledNode>();
  for (const [what, nodes] of picks) {
    for (const id of nodes) if (!out.has(id)) out.set(id, { id, what, object: objectOf(id) });
  }
  return [...out.values()];
}
