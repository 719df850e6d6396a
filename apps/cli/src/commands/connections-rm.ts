import type { Command } from 'commander';
import { unwrap } from '@sfmeta/client/unwrap';
import type { ContextOf } from '../program.ts';

/** `sfmeta connections rm ID`: deletes a connection with its secrets, runs, catalog and schedule. */
export function registerConnectionsRemove(connections: Command, contextOf: ContextOf): void {
  connections
    .command('rm')
    .description('delete a connection with its secrets, extractions, catalog and schedule')
    .argument('<id>', 'the connection')
    .action(async (id: string, _options, command: Command) => {
      const ctx = contextOf(command);
      unwrap(await ctx.client.DELETE('/api/v1/connections/{id}', { params: { path: { id } } }));
      ctx.print(`deleted connection ${id}`, { id, deleted: true });
    });
}
