import type { Connection, ConnectionStatus } from './api-types.ts';
import { pollUntil, type PollOptions } from './poll-until.ts';
import type { SfmetaClient } from './sfmeta-client.ts';
import { unwrap } from './unwrap.ts';

/** Statuses a connection leaves by itself: a login is queued or running. */
export const SETTLING_CONNECTION_STATUSES: readonly ConnectionStatus[] = ['pending'];

/**
 * Polls GET /api/v1/connections/{id} while its status is one of `whileIn` (by default while its login runs)
 * and answers the connection in the status it settled in.
 */
export function waitForConnection(
  client: SfmetaClient,
  id: string,
  options: PollOptions<Connection> & { whileIn?: readonly ConnectionStatus[] } = {},
): Promise<Connection> {
  const whileIn = options.whileIn ?? SETTLING_CONNECTION_STATUSES;
  return pollUntil(
    async () => unwrap(await client.GET('/api/v1/connections/{id}', { params: { path: { id } } })),
    (connection) => !whileIn.includes(connection.status),
    options,
  );
}
