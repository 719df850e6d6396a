import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import pg from 'pg';

/** What PostgreSQL spent on one measured span. */
export interface PostgresUsage {
  /** CPU seconds of the backends connected to the measured database, by application_name. */
  cpuByApplication: Record<string, number>;
  /** Their sum. */
  cpuDatabase: number;
  /**
   * CPU seconds of the whole server: every postgres process, and the exited ones through the
   * postmaster's cutime/cstime. Other databases on a shared server count here too.
   */
  cpuServer: number;
  /** pg_stat_database tup_inserted + tup_updated + tup_deleted of the measured database. */
  rowsWritten: number;
}

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/** How long a backend may hold statistics after its last transaction. */
const statsFlushMs = 11_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, in ticks. */
  cpu: number;
  /** cutime + cstime: children waited for. */
  childCpu: number;
}

function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  // Fields after the command: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17).
  const rest = text
    .slice(close + 2)
    .split(' ')
    .map(Number);
  const at = (field: number) => rest[field - 3] ?? 0;
  return { pid, comm, ppid: at(4), cpu: at(14) + at(15), childCpu: at(16) + at(17) };
}

/** Ticks used by the server so far, exited backends included (the postmaster reaps them). */
function serverTicks(): number {
  const stats = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => procStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat?.comm === 'postgres');
  const pids = new Set(stats.map((stat) => stat.pid));
  let ticks = 0;
  for (const stat of stats) {
    ticks += stat.cpu;
    // The postmaster, whose parent is not a postgres process, has waited for every exited backend.
    if (!pids.has(stat.ppid)) ticks += stat.childCpu;
  }
  return ticks;
}

/**
 * Samples the CPU of one database's backends (pg_stat_activity, every `intervalMs`, read on the
 * server's admin database so that the sampling itself is not counted) and its written rows.
 */
export class PostgresMeter {
  private constructor(
    private readonly admin: pg.Client,
    private readonly database: string,
  ) {}

  static async open(adminUrl: string, database: string): Promise<PostgresMeter> {
    const admin = new pg.Client({ connectionString: adminUrl, application_name: 'sfmeta-bench' });
    await admin.connect();
    return new PostgresMeter(admin, database);
  }

  /** Starts measuring; the returned function stops and answers the usage since the start. */
  async start(intervalMs = 200): Promise<() => Promise<PostgresUsage>> {
    const rowsBefore = await this.rowsWritten();
    const serverBefore = serverTicks();
    // Per backend: its ticks when first seen (0 for a backend that started during the span), and last seen.
    const backends = new Map<number, { application: string; first: number; last: number }>();
    let first = true;
    const sample = async () => {
      const { rows } = await this.admin.query<{ pid: number; application_name: string }>(
        'SELECT pid, application_name FROM pg_stat_activity WHERE datname = $1',
        [this.database],
      );
      for (const { pid, application_name: application } of rows) {
        const stat = procStat(pid);
        if (!stat) continue;
        const known = backends.get(pid);
        if (known) known.last = stat.cpu;
        else backends.set(pid, { application: application || '(none)', first: first ? stat.cpu : 0, last: stat.cpu });
      }
      first = false;
    };
    await sample();
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        await sleep(intervalMs);
        await sample();
      }
    })();
    return async () => {
      stopped = true;
      await loop;
      // A backend flushes its statistics when idle, at most once a second: one that flushed less than
      // a second before going idle holds the rest for PGSTAT_IDLE_INTERVAL (10 s).
      await sleep(statsFlushMs);
      const serverAfter = serverTicks();
      const cpuByApplication: Record<string, number> = {};
      for (const { application, first: from, last } of backends.values()) {
        cpuByApplication[application] = (cpuByApplication[application] ?? 0) + (last - from) / ticksPerSecond;
      }
      return {
        cpuByApplication,
        cpuDatabase: Object.values(cpuByApplication).reduce((sum, cpu) => sum + cpu, 0),
        cpuServer: (serverAfter - serverBefore) / ticksPerSecond,
        rowsWritten: (await this.rowsWritten()) - rowsBefore,
      };
    };
  }

  private async rowsWritten(): Promise<number> {
    await this.admin.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await this.admin.query<{ written: string }>(
      `SELECT tup_inserted + tup_updated + tup_deleted AS written FROM pg_stat_database WHERE datname = $1`,
      [this.database],
    );
    return Number(rows[0]?.written ?? 0);
  }

  /** Sets log_min_duration_statement for the measured database's new sessions. */
  async logSlowStatements(ms: number): Promise<void> {
    if (!/^[a-z0-9_]+$/.test(this.database)) throw new Error(`unexpected database name ${this.database}`);
    await this.admin.query(`ALTER DATABASE ${this.database} SET log_min_duration_statement = ${Math.trunc(ms)}`);
  }

  close(): Promise<void> {
    return this.admin.end();
  }
}
