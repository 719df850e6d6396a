import { Option, type Command } from 'commander';
import type { CreateConnection } from '@sfmeta/client/api-types';
import { unwrap } from '@sfmeta/client/unwrap';
import { waitForConnection } from '@sfmeta/client/wait-for-connection';
import { parseJsonObject, parsePositive } from '../arguments.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError } from '../cli-error.ts';
import { EXIT } from '../exit-codes.ts';
import type { ContextOf } from '../program.ts';
import { awaitAuthorization } from './await-authorization.ts';
import { connectionLines, reasonText } from './connection-lines.ts';

interface AddOptions {
  host: string;
  consumerKey: string;
  consumerSecret: string;
  oauth?: boolean;
  username?: string;
  password?: string;
  securityToken?: string;
  scope?: Record<string, unknown>;
  wait?: boolean;
  open?: boolean;
  timeout: number;
}

/** The request body the options describe; a password connection needs its user's credentials. */
function requestBody(options: AddOptions): CreateConnection {
  const scope = options.scope ? { scope: options.scope as NonNullable<CreateConnection['scope']> } : {};
  const app = { host: options.host, consumerKey: options.consumerKey, consumerSecret: options.consumerSecret };
  if (options.oauth) return { authType: 'oauth', ...app, ...scope };
  if (!options.username || !options.password) {
    throw new CliError('a password connection needs --username and --password (or --oauth)', EXIT.usage, 'USAGE');
  }
  return {
    ...app,
    username: options.username,
    password: options.password,
    ...(options.securityToken ? { securityToken: options.securityToken } : {}),
    ...scope,
  };
}

/** Waits while a password connection's first login runs; a refused login is a CliError. */
async function awaitLogin(ctx: CliContext, id: string) {
  ctx.say(`Logging in to Salesforce…`);
  const connection = await waitForConnection(ctx.client, id, { intervalMs: 500 });
  if (connection.status !== 'connected') {
    const reason = connection.statusReason ? `: ${reasonText(connection.statusReason)}` : '';
    throw new CliError(`connection ${id} is ${connection.status}${reason}`, EXIT.failed, 'CONNECTION_FAILED');
  }
  return connection;
}

/** `sfmeta connections add`: registers an org with a password login, or one its user authorizes (--oauth). */
export function registerConnectionsAdd(connections: Command, contextOf: ContextOf): void {
  connections
    .command('add')
    .description('register a Salesforce org: a login with a password, or one a user authorizes (--oauth)')
    .requiredOption('--host <host>', 'login.salesforce.com, test.salesforce.com or a My Domain host')
    .requiredOption('--consumer-key <key>', "the connected app's consumer key")
    .addOption(
      new Option('--consumer-secret <secret>', "the connected app's consumer secret")
        .env('SALESFORCE_CONSUMER_SECRET')
        .makeOptionMandatory(),
    )
    .option('--oauth', 'a Salesforce user authorizes the connection in the browser (web-server flow)')
    .option('--username <username>', 'the integration user (password connections)')
    .addOption(new Option('--password <password>', "the user's password").env('SALESFORCE_PASSWORD'))
    .addOption(new Option('--security-token <token>', "the user's security token").env('SALESFORCE_SECURITY_TOKEN'))
    .option('--scope <json>', "what to extract, as the API's scope object", parseJsonObject)
    .option('--wait', 'wait until the connection is connected (oauth: until its user has authorized it)')
    .option('--open', 'oauth: open the authorize URL in the browser')
    .option('--timeout <seconds>', 'oauth with --wait: how long to wait for the user', parsePositive, 600)
    .action(async (options: AddOptions, command: Command) => {
      const ctx = contextOf(command);
      const body = requestBody(options);
      const created = unwrap(await ctx.client.POST('/api/v1/connections', { body }));
      let connection = created;
      if ('authorizeUrl' in created) {
        const wait = options.wait ?? false;
        const authorized = await awaitAuthorization(ctx, created.id, created.authorizeUrl, {
          open: options.open ?? false,
          wait,
          timeout: options.timeout,
        });
        if (!wait) ctx.say(`Then check it with: sfmeta connections show ${created.id}`);
        connection = authorized ?? created;
      } else if (options.wait) {
        connection = await awaitLogin(ctx, created.id);
      }
      ctx.print(connectionLines(connection), connection);
    });
}
