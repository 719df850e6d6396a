import type pg from 'pg';
import { processCpuMs } from './process-cpu.ts';

/**
 * CPU used so far by the PostgreSQL backends of `database` that an application opened (its
 * `application_name`), in ms, from /proc: the server must run on this machine. A backend that
 * closes between two readings takes its CPU with it, so read across spans its pool keeps open.
 */
export async function backendCpuMs(pool: pg.Pool, database: string, application: string): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
    [database, application],
  );
  let total = 0;
  for (const { pid } of rows) {
    try {
      total += processCpuMs(pid);
    } catch {
      // Closed meanwhile.
    }
  }
  return total;
}
