import type { Command } from 'commander';
import { unwrap } from '@sfmeta/client/unwrap';
import { parsePositive } from '../arguments.ts';
import type { ContextOf } from '../program.ts';
import { awaitAuthorization } from './await-authorization.ts';
import { connectionLines } from './connection-lines.ts';

/**
 * `sfmeta connections authorize ID`: a fresh authorize URL for an oauth connection (POST …/reauthorize; earlier
 * URLs stop working), opened with --open, then waits until the user has authorized it and it is connected.
 */
export function registerConnectionsAuthorize(connections: Command, contextOf: ContextOf): void {
  connections
    .command('authorize')
    .description('print the URL to authorize an oauth connection at, and wait until it is connected')
    .argument('<id>', 'the connection')
    .option('--open', 'open the URL in the browser')
    .option('--no-wait', 'print the URL and return')
    .option('--timeout <seconds>', 'how long to wait for the authorization', parsePositive, 600)
    .action(async (id: string, options: { open?: boolean; wait: boolean; timeout: number }, command: Command) => {
      const ctx = contextOf(command);
      const issued = unwrap(
        await ctx.client.POST('/api/v1/connections/{id}/reauthorize', { params: { path: { id } } }),
      );
      const connected = await awaitAuthorization(ctx, id, issued.authorizeUrl, {
        open: options.open ?? false,
        wait: options.wait,
        timeout: options.timeout,
      });
      const shown = connected ?? issued;
      ctx.print(connectionLines(shown), shown);
    });
}
