import { edgeKey, type Lineage, type LineageEdge, type LineageWarning } from './lineage-types.ts';

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
export const compareText = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

// Sorted and unique; most lists hold one item, which needs neither.
const uniqueSorted = (items: string[]): string[] => (items.length < 2 ? items : [...new Set(items)].sort(compareText));

const mergeInto = (known: string[] | undefined, added: string[]): string[] => {
  if (known === undefined) return uniqueSorted(added);
  const fresh = added.filter((item) => !known.includes(item));
  return fresh.length === 0 ? known : uniqueSorted([...known, ...fresh]);
};

/**
 * Gathers the edges and warnings of one lineage: an edge seen twice (same edgeKey) is kept once, with the union of
 * its `paths` and `columns`; a warning seen twice is kept once. `result()` sorts both. The collector keeps (and may
 * change) the edges it is given rather than copying them: a catalog's lineage can hold hundreds of thousands.
 */
export class LineageCollector {
  readonly #edges = new Map<string, LineageEdge>();
  readonly #warnings = new Map<string, LineageWarning>();

  addEdge(edge: LineageEdge): void {
    const key = edgeKey(edge);
    const known = this.#edges.get(key);
    const { detail } = edge;
    if (known === undefined) {
      if (detail.paths !== undefined) detail.paths = uniqueSorted(detail.paths);
      if (detail.columns !== undefined) detail.columns = uniqueSorted(detail.columns);
      this.#edges.set(key, edge);
      return;
    }
    if (detail.paths !== undefined) known.detail.paths = mergeInto(known.detail.paths, detail.paths);
    if (detail.columns !== undefined) known.detail.columns = mergeInto(known.detail.columns, detail.columns);
  }

  warn(node: string, reference: string, message: string): void {
    this.#warnings.set(JSON.stringify([node, reference, message]), { node, reference, message });
  }

  /** The edges sorted by edgeKey, the warnings by node, then reference, then message. */
  result(): Lineage {
    // Without a comparator, sort orders strings by code unit, as compareText does, and faster.
    const edges = [...this.#edges.keys()].sort().map((key) => this.#edges.get(key)!);
    const warnings = [...this.#warnings.values()].sort(
      (left, right) =>
        compareText(left.node, right.node) ||
        compareText(left.reference, right.reference) ||
        compareText(left.message, right.message),
    );
    return { edges, warnings };
  }
}
