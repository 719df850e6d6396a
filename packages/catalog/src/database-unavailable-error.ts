import pg from 'pg';

/** PostgreSQL cannot serve right now (down, restarting, full, too slow): worth a retry, not a bug. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

// SQLSTATEs of a server that cannot serve now, rather than of a wrong statement: admin or crash
// shutdown, starting up, too many connections, statement timeout, and class 08 (connection).
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

/**
 * What a failed query means, by the error's type: a server's answer (pg's DatabaseError) stays as
 * it is unless its SQLSTATE says the server cannot serve; programming errors (TypeError,
 * RangeError) stay as they are; anything else pg throws from a query (refused or reset sockets, a
 * connection that ended, a pool that could not connect in time) is the database being unavailable.
 */
export function toDatabaseError(error: unknown): unknown {
  // Our own mistakes (a value pg cannot serialize, a bad argument) stay bugs: 500, not 503.
  if (error instanceof DatabaseUnavailableError || error instanceof TypeError || error instanceof RangeError) {
    return error;
  }
  if (error instanceof pg.DatabaseError) {
    const state = error.code ?? '';
    if (!UNAVAILABLE_STATES.has(state) && !state.startsWith('08')) return error;
  }
  return new DatabaseUnavailableError('PostgreSQL is unavailable', { cause: error });
}
