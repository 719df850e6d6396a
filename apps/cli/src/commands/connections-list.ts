import type { Command } from 'commander';
import { unwrap } from '@sfmeta/client/unwrap';
import { formatTable } from '../format/table.ts';
import type { ContextOf } from '../program.ts';

/** `sfmeta connections list`: every connection, newest first. */
export function registerConnectionsList(connections: Command, contextOf: ContextOf): void {
  connections
    .command('list')
    .description('list the connections, newest first')
    .action(async (_options, command: Command) => {
      const ctx = contextOf(command);
      const { items } = unwrap(await ctx.client.GET('/api/v1/connections'));
      const rows = items.map((connection) => [
        connection.id,
        connection.status,
        connection.authType,
        connection.host,
        connection.username ?? '',
        connection.orgId ?? '',
      ]);
      const lines =
        items.length === 0
          ? 'no connections yet: add one with `sfmeta connections add`'
          : formatTable(['ID', 'STATUS', 'AUTH', 'HOST', 'USERNAME', 'ORG'], rows);
      ctx.print(lines, items);
    });
}
