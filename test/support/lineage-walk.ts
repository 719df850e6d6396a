import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';
import { edgeKey } from '@sfmeta/catalog/lineage/lineage-types';
import { expect } from 'vitest';
import type { Stack } from './stack.ts';

/** Every edge of a connection's latest lineage, read page by page. */
export async function listEdges(stack: Stack, connectionId: string, query = ''): Promise<LineageEdge[]> {
  const edges: LineageEdge[] = [];
  let after: string | null = '';
  while (after !== null) {
    const page: { status: number; body: { items: LineageEdge[]; next: string | null } } = await stack.call(
      'GET',
      `/api/v1/connections/${connectionId}/lineage/edges?limit=2000${query}${after ? `&after=${after}` : ''}`,
    );
    expect(page.status).toBe(200);
    edges.push(...page.body.items);
    after = page.body.next;
  }
  return edges;
}

/** Edges in one order, so that two lists of the same edges compare equal. */
export const sortedEdges = (edges: readonly LineageEdge[]) =>
  [...edges].sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0));

/**
 * What the lineage endpoint should answer, walked over a known edge list: the nodes within `depth` edges of
 * `node` with their shortest distance, and the edges followed. Both: an upstream walk and a downstream walk, each
 * going on through every node it reaches.
 */
export function expectedWalk(
  edges: readonly LineageEdge[],
  node: string,
  direction: 'upstream' | 'downstream' | 'both',
  depth: number,
): { nodes: Map<string, number>; edges: LineageEdge[] } {
  const distance = new Map<string, number>([[node, 0]]);
  const followed = new Map<string, LineageEdge>();
  const walks = direction === 'both' ? (['upstream', 'downstream'] as const) : ([direction] as const);
  for (const walk of walks) {
    const reached = new Set([node]);
    let frontier = new Set([node]);
    for (let step = 1; step <= depth && frontier.size > 0; step++) {
      const next = new Set<string>();
      for (const edge of edges) {
        const near = walk === 'downstream' ? edge.source : edge.target;
        const far = walk === 'downstream' ? edge.target : edge.source;
        if (!frontier.has(near)) continue;
        followed.set(edgeKey(edge), edge);
        if (!reached.has(far)) {
          reached.add(far);
          next.add(far);
        }
        distance.set(far, Math.min(distance.get(far) ?? step, step));
      }
      frontier = next;
    }
  }
  return { nodes: distance, edges: [...followed.values()] };
}
