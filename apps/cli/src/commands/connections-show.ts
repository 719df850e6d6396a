import type { Command } from 'commander';
import { unwrap } from '@sfmeta/client/unwrap';
import type { ContextOf } from '../program.ts';
import { connectionLines } from './connection-lines.ts';

/** `sfmeta connections show ID`: a connection, its status and its schedule. */
export function registerConnectionsShow(connections: Command, contextOf: ContextOf): void {
  connections
    .command('show')
    .description('show a connection, its status and its extraction schedule')
    .argument('<id>', 'the connection')
    .action(async (id: string, _options, command: Command) => {
      const ctx = contextOf(command);
      const connection = unwrap(await ctx.client.GET('/api/v1/connections/{id}', { params: { path: { id } } }));
      ctx.print(connectionLines(connection), connection);
    });
}
