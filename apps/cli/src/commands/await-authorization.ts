import type { Connection } from '@sfmeta/client/api-types';
import { waitForConnection } from '@sfmeta/client/wait-for-connection';
import type { CliContext } from '../cli-context.ts';
import { CliError } from '../cli-error.ts';
import { EXIT } from '../exit-codes.ts';
import { openBrowser } from '../open-browser.ts';
import { reasonText } from './connection-lines.ts';

/** How to present an authorize URL and wait for its user. */
export interface AuthorizationOptions {
  open: boolean;
  wait: boolean;
  /** Seconds to wait for the user before giving up. */
  timeout: number;
}

/**
 * Shows the URL a Salesforce user authorizes the connection at (and opens it with --open), then, unless told
 * not to, waits until the connection is authorized and connected. A refusal, an expired authorization or a
 * failed login is a CliError; so is a user who does not come back within the timeout.
 */
export async function awaitAuthorization(
  ctx: CliContext,
  connectionId: string,
  authorizeUrl: string,
  options: AuthorizationOptions,
): Promise<Connection | undefined> {
  ctx.say(`Authorize connection ${connectionId} in Salesforce at:\n  ${authorizeUrl}`);
  if (options.open) {
    const opened = await openBrowser(authorizeUrl);
    if (!opened.ok) ctx.say(`(could not open a browser: ${opened.reason}; open the URL yourself)`);
  }
  if (!options.wait) return undefined;
  ctx.say('Waiting for the authorization…');
  const signal = AbortSignal.timeout(options.timeout * 1000);
  const connection = await waitForConnection(ctx.client, connectionId, {
    whileIn: ['awaiting_authorization', 'pending'],
    intervalMs: 1000,
    signal,
  }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
    throw new CliError(
      `connection ${connectionId} was not authorized within ${options.timeout} s`,
      EXIT.failed,
      'AUTHORIZATION_TIMEOUT',
    );
  });
  if (connection.status !== 'connected') {
    const reason = connection.statusReason ? `: ${reasonText(connection.statusReason)}` : '';
    throw new CliError(`connection ${connectionId} is ${connection.status}${reason}`, EXIT.failed, 'CONNECTION_FAILED');
  }
  return connection;
}
