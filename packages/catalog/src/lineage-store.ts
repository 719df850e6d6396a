import type pg from 'pg';
import type { CatalogView } from './catalog-store.ts';
import { type EdgeKind, edgeKey, type LineageEdge, type LineageWarning, type NodeId } from './lineage/lineage-types.ts';
import { isUuid } from './uuid.ts';

export type LineageDirection = 'upstream' | 'downstream' | 'both';

/** A node of a lineage answer: its id, what it is, and its name where the catalog has one. */
export interface LineageNode {
  id: NodeId;
  type: 'object' | 'field' | 'report' | 'dashboard' | 'apex_class' | 'apex_trigger' | 'flow';
  /** A report's or class's name, a dashboard's title; the id itself for objects and fields; null for flows. */
  name: string | null;
  /** How many edges away from the node asked about. */
  distance: number;
}

/** The subgraph around one node. */
export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** True when the walk stopped at `maxEdges` before reaching the depth asked for. */
  truncated: boolean;
}

/** A page of edges, in the order of their upstream node then key. */
export interface EdgePage {
  kinds?: readonly EdgeKind[];
  /** Only edges with this node at either end. */
  node?: NodeId;
  after?: string;
  limit: number;
}

/** A field's direct neighbours among columns: the fields its value is computed from, and those computed from it. */
export interface ColumnLineage {
  upstream: string[];
  downstream: string[];
  warnings: Omit<LineageWarning, 'node'>[];
}

const validIn = (alias: string) =>
  `${alias}.connection_id = $1 AND ${alias}.from_seq <= $2 AND (${alias}.to_seq IS NULL OR ${alias}.to_seq > $2)`;
const target = `(v.content->>'target') COLLATE "C"`;
const COLUMN_KINDS = ['formula', 'rollup'];
/** Nodes of a walk's step whose edges are read in one statement. */
const frontierChunk = 200;

const ITEM_TYPES: Record<string, { kind: string; nameKey: string }> = {
  report: { kind: 'report', nameKey: 'Name' },
  dashboard: { kind: 'dashboard', nameKey: 'Title' },
  apex_class: { kind: 'apex_class', nameKey: 'Name' },
  apex_trigger: { kind: 'apex_trigger', nameKey: 'Name' },
};

/** What a node id names: `report:…`-style ids by their prefix, `Object.Field` a field, else an object. */
export function nodeType(id: NodeId): LineageNode['type'] {
  const colon = id.indexOf(':');
  if (colon > 0) {
    const prefix = id.slice(0, colon);
    if (prefix in ITEM_TYPES || prefix === 'flow') return prefix as LineageNode['type'];
  }
  return id.includes('.') ? 'field' : 'object';
}

/** The smallest string greater than every string that starts with `prefix` (a range bound for prefix scans). */
const afterPrefix = (prefix: string) =>
  `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;

/** The lineage graph of a run's catalog, read by the API: walks, edge pages, and the columns of an object. */
export class LineageStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Edges with an end among `nodes`: those whose source is one (downstream) or whose target is one (upstream). With
   * a `limit`, the first that many in the order of their upstream node and key.
   */
  async neighbours(
    view: CatalogView,
    nodes: readonly NodeId[],
    direction: 'upstream' | 'downstream',
    limit?: number,
  ): Promise<LineageEdge[]> {
    if (!isUuid(view.connectionId) || nodes.length === 0) return [];
    const end = direction === 'downstream' ? 'v.parent' : target;
    const single = nodes.length === 1;
    const edges = `SELECT v.parent, v.name, v.content FROM catalog_versions v
                    WHERE ${validIn('v')} AND v.kind = 'edge' AND ${end} = ${single ? '$3::text' : 'ANY ($3::text[])'}`;
    // One node's downstream edges come in key order from the primary key, and the limit stops the read (a hub
    // has thousands). Otherwise the edges are found by their ends first and sorted after (OFFSET 0 keeps the
    // planner from walking the primary key in order instead, through every edge of the connection).
    const ordered = direction === 'downstream' && single;
    const sql =
      limit === undefined
        ? edges
        : ordered
          ? `${edges} ORDER BY v.parent, v.name LIMIT $4`
          : `SELECT e.content FROM (${edges} OFFSET 0) e ORDER BY e.parent, e.name LIMIT $4`;
    const { rows } = await this.pool.query<{ content: LineageEdge }>(sql, [
      view.connectionId,
      view.seq,
      single ? nodes[0] : nodes,
      ...(limit === undefined ? [] : [limit]),
    ]);
    return rows.map((row) => row.content);
  }

  /**
   * The nodes and edges within `depth` edges of `node`, following edges upstream, downstream or both ways (both:
   * upstream from the upstream nodes, downstream from the downstream ones). Stops at `maxEdges`, in a fixed order
   * (each step's nodes by id, a few hundred at a time, their edges by key), so a cut answer is the same every time.
   */
  async subgraph(
    view: CatalogView,
    node: NodeId,
    options: { direction: LineageDirection; depth: number; maxEdges: number },
  ): Promise<LineageGraph> {
    const distance = new Map<NodeId, number>([[node, 0]]);
    const edges = new Map<string, LineageEdge>();
    let truncated = false;
    const walks: ('upstream' | 'downstream')[] =
      options.direction === 'both' ? ['upstream', 'downstream'] : [options.direction];
    for (const walk of walks) {
      // Each walk goes on through the nodes it reaches, whether or not the other walk reached them first.
      const reached = new Set([node]);
      let frontier = [node];
      for (let step = 1; step <= options.depth && frontier.length > 0 && !truncated; step++) {
        const next: NodeId[] = [];
        frontier.sort();
        for (let at = 0; at < frontier.length && !truncated; at += frontierChunk) {
          // Edges already taken may come again (the other walk's, a self-reference): one more than the whole
          // budget says for sure whether new ones are left over.
          const found = await this.neighbours(view, frontier.slice(at, at + frontierChunk), walk, options.maxEdges + 1);
          for (const edge of found) {
            const key = edgeKey(edge);
            if (!edges.has(key)) {
              if (edges.size >= options.maxEdges) {
                truncated = true;
                break;
              }
              edges.set(key, edge);
            }
            const far = walk === 'downstream' ? edge.target : edge.source;
            if (!reached.has(far)) {
              reached.add(far);
              next.push(far);
            }
            distance.set(far, Math.min(distance.get(far) ?? step, step));
          }
        }
        frontier = next;
      }
    }
    const names = await this.names(view, [...distance.keys()]);
    const nodes = [...distance.entries()].map(([id, d]) => ({
      id,
      type: nodeType(id),
      name: names.get(id) ?? (nodeType(id) === 'object' || nodeType(id) === 'field' ? id : null),
      distance: d,
    }));
    return { nodes, edges: [...edges.values()], truncated };
  }

  /**
   * The components whose MetadataComponentDependency rows a running run reads (its seq's catalog, its own new
   * versions included): Apex class and trigger ids, and the CustomField ids of roll-up summary fields.
   */
  async componentIds(connectionId: string, seq: number) {
    const at = `connection_id = $1 AND from_seq <= $2 AND to_seq IS NULL`;
    const { rows } = await this.pool.query<{ kind: string; ids: string[] }>(
      `SELECT kind, array_agg(DISTINCT name) AS ids FROM catalog_versions
        WHERE ${at} AND kind IN ('apex_class', 'apex_trigger') AND parent = '' GROUP BY kind
       UNION ALL
       SELECT 'rollup', coalesce(array_agg(DISTINCT substring(content->'$tooling'->>'durableId' FROM '[^.]+$')), '{}')
         FROM catalog_versions
        WHERE ${at} AND kind = 'field' AND content->'calculated' = 'true'::jsonb AND content->>'calculatedFormula' IS NULL
          AND content->'custom' = 'true'::jsonb AND content->'$tooling'->>'durableId' LIKE '%.00N%'`,
      [connectionId, seq],
    );
    const idsOf = (kind: string) => rows.find((row) => row.kind === kind)?.ids ?? [];
    return {
      apexClassIds: idsOf('apex_class'),
      apexTriggerIds: idsOf('apex_trigger'),
      rollupFieldIds: idsOf('rollup'),
    };
  }

  /**
   * Whether the dependencies the catalog holds still stand for a running run: it has changed no object, field,
   * Apex class or trigger so far (what MetadataComponentDependency rows are about), and an earlier run read them.
   */
  async dependenciesStand(connectionId: string, seq: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ stand: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM catalog_versions WHERE connection_id = $1 AND from_seq = $2
                             AND kind IN ('object', 'field', 'apex_class', 'apex_trigger'))
          AND NOT EXISTS (SELECT 1 FROM catalog_versions WHERE connection_id = $1 AND to_seq = $2
                             AND kind IN ('object', 'field', 'apex_class', 'apex_trigger'))
          AND EXISTS (SELECT 1 FROM catalog_versions WHERE connection_id = $1 AND kind = 'dependency'
                         AND to_seq IS NULL AND from_seq < $2) AS stand`,
      [connectionId, seq],
    );
    return rows[0]?.stand === true;
  }

  /** Whether the catalog knows the node: as an object, a field, an item, or an end of an edge. */
  async hasNode(view: CatalogView, node: NodeId): Promise<boolean> {
    if (!isUuid(view.connectionId)) return false;
    const type = nodeType(node);
    const dot = node.indexOf('.');
    const [kind, parent, name] =
      type === 'object'
        ? ['object', '', node]
        : type === 'field'
          ? ['field', node.slice(0, dot), node.slice(dot + 1)]
          : [type, '', node.slice(node.indexOf(':') + 1)];
    const { rows } = await this.pool.query(
      `SELECT 1 FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = $3 AND v.parent = $4 AND v.name = $5
       UNION ALL
       SELECT 1 FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = 'edge' AND (v.parent = $6 OR ${target} = $6)
       LIMIT 1`,
      [view.connectionId, view.seq, kind, parent, name, node],
    );
    return rows.length > 0;
  }

  /** A page of the catalog's edges; `after` is the `next` of the previous page. */
  async edges(view: CatalogView, page: EdgePage): Promise<{ edges: LineageEdge[]; next: string | null }> {
    if (!isUuid(view.connectionId)) return { edges: [], next: null };
    const after = page.after ? parseEdgeCursor(page.after) : null;
    const { rows } = await this.pool.query<{ parent: string; name: string; content: LineageEdge }>(
      `SELECT v.parent, v.name, v.content FROM catalog_versions v
        WHERE ${validIn('v')} AND v.kind = 'edge'
          AND ($3::text[] IS NULL OR v.content->>'kind' = ANY ($3::text[]))
          AND ($4::text IS NULL OR v.parent = $4 OR ${target} = $4)
          AND ($5::text IS NULL OR (v.parent, v.name) > ($5, $6))
        ORDER BY v.parent, v.name LIMIT $7`,
      [
        view.connectionId,
        view.seq,
        page.kinds ?? null,
        page.node ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        page.limit,
      ],
    );
    const last = rows.at(-1);
    return {
      edges: rows.map((row) => row.content),
      next: rows.length === page.limit && last ? encodeCursor([last.parent, last.name]) : null,
    };
  }

  /** The edges into an object and into its fields: its upstream in an export. */
  async upstreamOfObject(view: CatalogView, object: string): Promise<LineageEdge[]> {
    if (!isUuid(view.connectionId)) return [];
    const prefix = `${object}.`;
    const { rows } = await this.pool.query<{ content: LineageEdge }>(
      `SELECT v.content FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = 'edge'
          AND (${target} = $5 OR (${target} >= $3 AND ${target} < $4)) ORDER BY v.parent, v.name`,
      [view.connectionId, view.seq, prefix, afterPrefix(prefix), object],
    );
    return rows.map((row) => row.content);
  }

  /**
   * The flows the lineage names (flows are known only from MetadataComponentDependency), each with its name as a
   * dependency row gave it and the edges into it.
   */
  async flows(view: CatalogView): Promise<{ id: string; name: string | null; upstream: LineageEdge[] }[]> {
    if (!isUuid(view.connectionId)) return [];
    const { rows } = await this.pool.query<{ content: LineageEdge }>(
      `SELECT v.content FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = 'edge'
          AND ${target} >= 'flow:' AND ${target} < 'flow;' ORDER BY ${target}, v.parent, v.name`,
      [view.connectionId, view.seq],
    );
    const { rows: names } = await this.pool.query<{ id: string; name: string }>(
      `SELECT DISTINCT v.content->>'MetadataComponentId' AS id, v.content->>'MetadataComponentName' AS name
         FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = 'dependency' AND v.parent = ''
          AND v.content->>'MetadataComponentType' = 'Flow'`,
      [view.connectionId, view.seq],
    );
    const nameOf = new Map(names.map((row) => [row.id, row.name]));
    const out = new Map<string, { id: string; name: string | null; upstream: LineageEdge[] }>();
    for (const { content: edge } of rows) {
      const id = edge.target.slice('flow:'.length);
      const flow = out.get(id) ?? { id, name: nameOf.get(id) ?? null, upstream: [] };
      out.set(id, flow);
      flow.upstream.push(edge);
    }
    return [...out.values()];
  }

  /** The column lineage of every field of `object` that has any, and the warnings on its fields, by field name. */
  async columnsOf(view: CatalogView, object: string): Promise<Map<string, ColumnLineage>> {
    const out = new Map<string, ColumnLineage>();
    if (!isUuid(view.connectionId)) return out;
    const prefix = `${object}.`;
    const bounds = [view.connectionId, view.seq, prefix, afterPrefix(prefix)];
    const entry = (field: string) => {
      const found = out.get(field) ?? { upstream: [], downstream: [], warnings: [] };
      out.set(field, found);
      return found;
    };
    const [into, from, warnings] = await Promise.all([
      this.pool.query<{ content: LineageEdge }>(
        `SELECT v.content FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = 'edge'
            AND ${target} >= $3 AND ${target} < $4 AND v.content->>'kind' = ANY ($5::text[])`,
        [...bounds, COLUMN_KINDS],
      ),
      this.pool.query<{ content: LineageEdge }>(
        `SELECT v.content FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = 'edge'
            AND v.parent >= $3 AND v.parent < $4 AND v.content->>'kind' = ANY ($5::text[])`,
        [...bounds, COLUMN_KINDS],
      ),
      this.pool.query<{ content: LineageWarning }>(
        `SELECT v.content FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = 'lineage_warning'
            AND v.parent >= $3 AND v.parent < $4`,
        bounds,
      ),
    ]);
    const fieldOf = (node: string) => node.slice(prefix.length);
    for (const { content: edge } of into.rows) {
      if (nodeType(edge.source) === 'field') entry(fieldOf(edge.target)).upstream.push(edge.source);
    }
    for (const { content: edge } of from.rows) {
      if (nodeType(edge.target) === 'field') entry(fieldOf(edge.source)).downstream.push(edge.target);
    }
    for (const { content: warning } of warnings.rows) {
      entry(fieldOf(warning.node)).warnings.push({ reference: warning.reference, message: warning.message });
    }
    for (const lineage of out.values()) {
      lineage.upstream = [...new Set(lineage.upstream)].sort();
      lineage.downstream = [...new Set(lineage.downstream)].sort();
    }
    return out;
  }

  /** The warnings of the catalog's lineage, a page at a time by node; `after` is the `next` of the previous page. */
  async warnings(
    view: CatalogView,
    page: { after?: string; limit: number },
  ): Promise<{ warnings: LineageWarning[]; next: string | null }> {
    if (!isUuid(view.connectionId)) return { warnings: [], next: null };
    const after = page.after ? parseEdgeCursor(page.after) : null;
    const { rows } = await this.pool.query<{ parent: string; name: string; content: LineageWarning }>(
      `SELECT v.parent, v.name, v.content FROM catalog_versions v WHERE ${validIn('v')} AND v.kind = 'lineage_warning'
          AND ($3::text IS NULL OR (v.parent, v.name) > ($3, $4)) ORDER BY v.parent, v.name LIMIT $5`,
      [view.connectionId, view.seq, after?.[0] ?? null, after?.[1] ?? null, page.limit],
    );
    const last = rows.at(-1);
    return {
      warnings: rows.map((row) => row.content),
      next: rows.length === page.limit && last ? encodeCursor([last.parent, last.name]) : null,
    };
  }

  /** The names of item nodes (reports, dashboards, classes, triggers) among `nodes`. */
  private async names(view: CatalogView, nodes: readonly NodeId[]): Promise<Map<NodeId, string>> {
    const wanted = new Map<string, string[]>();
    for (const node of nodes) {
      const type = ITEM_TYPES[nodeType(node)];
      if (type) wanted.set(type.kind, [...(wanted.get(type.kind) ?? []), node.slice(node.indexOf(':') + 1)]);
    }
    const out = new Map<NodeId, string>();
    for (const [kind, ids] of wanted) {
      const { rows } = await this.pool.query<{ name: string; label: string | null }>(
        `SELECT v.name, v.content->>$5 AS label FROM catalog_versions v
          WHERE ${validIn('v')} AND v.kind = $3 AND v.parent = '' AND v.name = ANY ($4::text[])`,
        [view.connectionId, view.seq, kind, ids, ITEM_TYPES[kind]?.nameKey],
      );
      for (const row of rows) if (row.label !== null) out.set(`${kind}:${row.name}`, row.label);
    }
    return out;
  }
}

function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key an edge or warning page's `next` cursor holds; null when it is not one. */
export function parseEdgeCursor(cursor: string): [string, string] | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')
      ? (key as [string, string])
      : null;
  } catch {
    return null;
  }
}
