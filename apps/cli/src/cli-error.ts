import type { ExitCode } from './exit-codes.ts';

/** A failure the CLI reports in one line and exits with `exitCode`; `code` is the stable code for --json. */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
