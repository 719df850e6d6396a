import type { CliIo } from './cli-context.ts';
import { errorOutcome } from './error-outcome.ts';
import type { ExitCode } from './exit-codes.ts';
import { createProgram } from './program.ts';

/** Runs one `sfmeta` command line (without `node` and the script) and answers the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<ExitCode> {
  const program = createProgram(io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    const outcome = errorOutcome(error);
    if (outcome.line !== undefined) {
      const { code, message, exitCode } = outcome;
      io.stderr.write(
        args.includes('--json')
          ? `${JSON.stringify({ error: { code, message, exitCode } })}\n`
          : `sfmeta: ${outcome.line}\n`,
      );
    }
    return outcome.exitCode;
  }
}
