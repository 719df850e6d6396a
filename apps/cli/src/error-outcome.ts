import { CommanderError } from 'commander';
import { SfmetaApiError } from '@sfmeta/client/sfmeta-api-error';
import { SfmetaUnreachableError } from '@sfmeta/client/sfmeta-unreachable-error';
import { CliError } from './cli-error.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';

/** How the CLI ends after an error: its exit code, a stable code, and what to say (nothing: already said). */
export interface ErrorOutcome {
  exitCode: ExitCode;
  code: string;
  /** The message, as the API or the CLI gave it (--json). */
  message: string | undefined;
  /** The one line for people, with the code and a hint. */
  line: string | undefined;
}

const EXIT_BY_STATUS: Record<number, ExitCode> = { 400: EXIT.usage, 401: EXIT.auth, 404: EXIT.notFound };

/** The one place that maps errors to exit codes and messages. */
export function errorOutcome(error: unknown): ErrorOutcome {
  if (error instanceof CliError) {
    return { exitCode: error.exitCode, code: error.code, message: error.message, line: error.message };
  }
  if (error instanceof SfmetaUnreachableError) {
    const line = `${error.message}: is the API running? (--url or SFMETA_URL)`;
    return { exitCode: EXIT.unreachable, code: 'UNREACHABLE', message: error.message, line };
  }
  if (error instanceof SfmetaApiError) {
    const hint = error.status === 401 ? ' (check --api-key or SFMETA_API_KEY)' : '';
    return {
      exitCode: EXIT_BY_STATUS[error.status] ?? EXIT.failed,
      code: error.code,
      message: error.message,
      line: `${error.code}: ${error.message}${hint}`,
    };
  }
  if (error instanceof CommanderError) {
    // Commander has printed the help, the version or the usage error already.
    const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
    return { exitCode: done ? EXIT.ok : EXIT.usage, code: 'USAGE', message: undefined, line: undefined };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.failed, code: 'ERROR', message, line: message };
}
