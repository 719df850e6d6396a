import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { Option, type Command } from 'commander';
import type { ExportFormat } from '@sfmeta/client/api-types';
import { unwrap } from '@sfmeta/client/unwrap';
import type { ContextOf } from '../program.ts';

const FORMATS: ExportFormat[] = ['ndjson', 'datahub', 'openlineage'];

interface ExportOptions {
  format: ExportFormat;
  output?: string;
  run?: string;
}

/** Copies the response body into `target` as it comes, waiting whenever the target is full; answers the bytes. */
async function copy(body: ReadableStream<Uint8Array>, target: Writable): Promise<number> {
  let bytes = 0;
  for await (const chunk of Readable.fromWeb(body)) {
    bytes += (chunk as Buffer).length;
    if (!target.write(chunk)) await once(target, 'drain');
  }
  return bytes;
}

/** Writes the export into `path`; a failure part-way removes the partial file. */
async function copyToFile(body: ReadableStream<Uint8Array>, path: string): Promise<number> {
  const file = createWriteStream(path);
  try {
    const bytes = await copy(body, file);
    file.end();
    await once(file, 'finish');
    return bytes;
  } catch (error) {
    file.destroy();
    await rm(path, { force: true });
    throw error;
  }
}

/** `sfmeta export ID --format F`: the latest catalog and its lineage, streamed to stdout or --output. */
export function registerExport(program: Command, contextOf: ContextOf): void {
  program
    .command('export')
    .description('export the latest completed extraction for a data catalog, streamed to stdout or a file')
    .argument('<id>', 'the connection')
    .addOption(new Option('--format <format>', 'the export format').choices(FORMATS).makeOptionMandatory())
    .option('--output <file>', 'write to this file instead of stdout')
    .option('--run <run>', 'a succeeded extraction instead of the latest')
    .action(async (id: string, options: ExportOptions, command: Command) => {
      const ctx = contextOf(command);
      const query = { format: options.format, ...(options.run ? { run: options.run } : {}) };
      const body = unwrap(
        await ctx.client.GET('/api/v1/connections/{id}/export', { params: { path: { id }, query }, parseAs: 'stream' }),
      );
      if (!body) return;
      const stream = body as ReadableStream<Uint8Array>;
      if (options.output === undefined) {
        await copy(stream, ctx.io.stdout);
        return;
      }
      const bytes = await copyToFile(stream, options.output);
      ctx.print(`wrote ${bytes} bytes of ${options.format} to ${options.output}`, {
        format: options.format,
        file: options.output,
        bytes,
      });
    });
}
