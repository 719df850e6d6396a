import type pg from 'pg';
import { withTransaction } from './database.ts';

/** How long runs are kept when a connection does not say otherwise. */
export interface RetentionDefaults {
  runs: number;
  days: number;
}

/** What one pass removed. */
export interface RetentionOutcome {
  runs: number;
  versions: number;
}

// Per connection: the oldest succeeded run to keep, being among the last N succeeded runs or younger
// than D days ($1, $2 the defaults). Both rules keep a suffix of the runs, so everything older goes.
const OLDEST_KEPT = `
  SELECT c.id AS connection_id, min(r.seq) AS oldest_kept
    FROM connections c
    JOIN LATERAL (
      SELECT seq, finished_at, row_number() OVER (ORDER BY seq DESC) AS rank
        FROM extraction_runs WHERE connection_id = c.id AND status = 'succeeded') r
      ON r.rank <= coalesce(c.retention_runs, $1)
      OR r.finished_at > now() - make_interval(days => coalesce(c.retention_days, $2))
   GROUP BY c.id`;

/**
 * Removes the runs retention no longer keeps, and the versions no kept run points to. Also removes
 * what failed runs left behind (a failed run's versions are discarded when it fails; this catches
 * any that a crash left). One transaction per connection, so readers never see half a pass.
 */
export async function applyRetention(pool: pg.Pool, defaults: RetentionDefaults): Promise<RetentionOutcome> {
  const { rows } = await pool.query<{ connection_id: string; oldest_kept: string }>(OLDEST_KEPT, [
    defaults.runs,
    defaults.days,
  ]);
  const total = { runs: 0, versions: 0 };
  for (const { connection_id: connectionId, oldest_kept: oldestKept } of rows) {
    await withTransaction(pool, async (client) => {
      const leftovers = await client.query(
        `DELETE FROM catalog_versions v USING extraction_runs r
          WHERE v.connection_id = $1 AND r.connection_id = $1 AND r.seq = v.from_seq AND r.status = 'failed'`,
        [connectionId],
      );
      // A version ending at or before the oldest kept run's seq is valid at no kept run.
      const versions = await client.query(
        'DELETE FROM catalog_versions WHERE connection_id = $1 AND to_seq IS NOT NULL AND to_seq <= $2',
        [connectionId, oldestKept],
      );
      const runs = await client.query(
        `DELETE FROM extraction_runs WHERE connection_id = $1 AND seq < $2 AND status IN ('succeeded', 'failed')`,
        [connectionId, oldestKept],
      );
      total.versions += (leftovers.rowCount ?? 0) + (versions.rowCount ?? 0);
      total.runs += runs.rowCount ?? 0;
    });
  }
  return total;
}
