import { Command, Option } from 'commander';
import { createCliContext, type CliContext, type CliIo } from './cli-context.ts';
import { registerChanges } from './commands/changes.ts';
import { registerConnections } from './commands/connections.ts';
import { registerExport } from './commands/export.ts';
import { registerExtract } from './commands/extract.ts';
import { registerObjects } from './commands/objects.ts';
import { DEFAULT_URL, readSettings, type GlobalOptions } from './settings.ts';

/** Builds the context of the command being run from its options and the global ones. */
export type ContextOf = (command: Command) => CliContext;

/** The `sfmeta` program: global options and every command; it throws instead of exiting. */
export function createProgram(io: CliIo): Command {
  const program = new Command('sfmeta')
    .description('Command line client of the sfmeta API: connections, extractions, the catalog and its exports.')
    .addOption(new Option('--url <url>', `the API's URL (env SFMETA_URL, default ${DEFAULT_URL})`))
    .addOption(new Option('--api-key <key>', 'an API key of the API (env SFMETA_API_KEY)'))
    .option('--json', 'print machine-readable JSON (errors too, on stderr)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)');
  const contextOf: ContextOf = (command) =>
    createCliContext(readSettings(command.optsWithGlobals<GlobalOptions>(), io.env), io);
  registerConnections(program, contextOf);
  registerExtract(program, contextOf);
  registerObjects(program, contextOf);
  registerChanges(program, contextOf);
  registerExport(program, contextOf);
  return program;
}
