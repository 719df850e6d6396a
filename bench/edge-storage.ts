import type pg from 'pg';

/** How a run's current edges are stored: rows, their size, and the heap blocks they sit in. */
export interface EdgeStorage {
  rows: number;
  averageBytes: number;
  heapBlocks: number;
  /** Blocks of the whole catalog_versions table. */
  tableBlocks: number;
}

/** The storage of a connection's current edges: what a walk's statements read through their index. */
export async function edgeStorage(pool: pg.Pool, view: { connectionId: string; seq: number }): Promise<EdgeStorage> {
  const { rows } = await pool.query<{ rows: number; average: number; blocks: number; table_blocks: number }>(
    `SELECT count(*)::int AS rows, coalesce(avg(pg_column_size(v.*)), 0)::float AS average,
            count(DISTINCT (v.ctid::text::point)[0])::int AS blocks,
            (pg_relation_size('catalog_versions') / current_setting('block_size')::int)::int AS table_blocks
       FROM catalog_versions v
      WHERE v.connection_id = $1 AND v.kind = 'edge' AND v.from_seq <= $2 AND (v.to_seq IS NULL OR v.to_seq > $2)`,
    [view.connectionId, view.seq],
  );
  const row = rows[0]!;
  return { rows: row.rows, averageBytes: row.average, heapBlocks: row.blocks, tableBlocks: row.table_blocks };
}
