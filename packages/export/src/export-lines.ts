import { createDatahubMapper } from './datahub/datahub-records.ts';
import type { ExportFormat } from './export-formats.ts';
import type { ExportContext, ExportRecord } from './export-record.ts';
import { ndjsonLinesOf } from './ndjson/ndjson-lines.ts';
import { openLineageEvent } from './openlineage/openlineage-events.ts';

// Streams an export: each record is read, written and let go before the next is asked for.

/** The text of an export in `format`, in chunks to write as they come (one or more whole lines per record). */
export function exportLines(
  records: AsyncIterable<ExportRecord>,
  format: ExportFormat,
  context: ExportContext,
): AsyncIterable<string> {
  switch (format) {
    case 'ndjson':
      return ndjsonChunks(records, context);
    case 'datahub':
      return datahubChunks(records, context);
    case 'openlineage':
      return openLineageChunks(records, context);
  }
}

async function* ndjsonChunks(records: AsyncIterable<ExportRecord>, context: ExportContext) {
  for await (const record of records) {
    let chunk = '';
    for (const line of ndjsonLinesOf(record, context)) chunk += `${JSON.stringify(line)}\n`;
    yield chunk;
  }
}

/** A JSON array written element by element: `[`, then each record's MCPs, then `]`. */
async function* datahubChunks(records: AsyncIterable<ExportRecord>, context: ExportContext) {
  const mcpsOf = createDatahubMapper(context);
  let separator = '\n';
  yield '[';
  for await (const record of records) {
    const mcps = mcpsOf(record);
    if (mcps.length === 0) continue;
    yield separator + mcps.map((mcp) => JSON.stringify(mcp)).join(',\n');
    separator = ',\n';
  }
  yield '\n]\n';
}

async function* openLineageChunks(records: AsyncIterable<ExportRecord>, context: ExportContext) {
  for await (const record of records) yield `${JSON.stringify(openLineageEvent(record, context))}\n`;
}
