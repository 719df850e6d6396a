import type { Command } from 'commander';
import type { Extraction } from '@sfmeta/client/api-types';
import { unwrap } from '@sfmeta/client/unwrap';
import { isFinished, waitForExtraction } from '@sfmeta/client/wait-for-extraction';
import type { CliContext } from '../cli-context.ts';
import { CliError } from '../cli-error.ts';
import { EXIT } from '../exit-codes.ts';
import type { ContextOf } from '../program.ts';
import { ProgressReporter } from '../progress/progress-reporter.ts';
import { extractionSummary } from './extraction-summary.ts';

/** How often a followed run is read. */
const FOLLOW_INTERVAL_MS = 500;

/** Follows a run until it ends, showing its progress; Ctrl+C stops following (the run goes on). */
async function follow(ctx: CliContext, started: Extraction): Promise<Extraction> {
  const reporter = new ProgressReporter(ctx.live);
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  try {
    return await waitForExtraction(ctx.client, started.id, {
      intervalMs: FOLLOW_INTERVAL_MS,
      signal: stop.signal,
      onPoll: (run) => {
        if (!isFinished(run)) reporter.update(run);
      },
    });
  } catch (error) {
    if (!stop.signal.aborted) throw error;
    throw new CliError(
      `stopped following extraction ${started.id}; it goes on (sfmeta extract ${started.connectionId} --follow)`,
      EXIT.interrupted,
      'INTERRUPTED',
    );
  } finally {
    process.off('SIGINT', interrupt);
    reporter.finish();
  }
}

/**
 * `sfmeta extract ID`: starts an extraction of the connection (or finds the one already active) and, with
 * --follow, shows its progress until it ends; a failed run exits 1 with its error code and message.
 */
export function registerExtract(program: Command, contextOf: ContextOf): void {
  program
    .command('extract')
    .description("extract a connection's metadata: incremental by default, --full describes everything")
    .argument('<id>', 'the connection')
    .option('--full', 'describe every object again, not only what changed')
    .option('--follow', 'show the progress until the extraction ends; exit 1 when it fails')
    .action(async (id: string, options: { full?: boolean; follow?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const started = unwrap(
        await ctx.client.POST('/api/v1/connections/{id}/extractions', {
          params: { path: { id } },
          body: options.full ? { mode: 'full' } : {},
        }),
      );
      if (!options.follow) {
        ctx.print(
          [`extraction ${started.id} ${started.status} (${started.mode})`, `follow it: sfmeta extract ${id} --follow`],
          started,
        );
        return;
      }
      ctx.say(`extraction ${started.id} (${started.mode}) of connection ${id}`);
      const run = await follow(ctx, started);
      ctx.print(extractionSummary(run), run);
      if (run.status !== 'succeeded') {
        const error = run.error ? `${run.error.code}: ${run.error.message ?? ''}`.trim() : 'no error recorded';
        throw new CliError(`extraction ${run.id} failed: ${error}`, EXIT.failed, run.error?.code ?? 'RUN_FAILED');
      }
    });
}
