import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, isExportFormat } from './export-formats.ts';
import { exportLines } from './export-lines.ts';
import type { ExportRecord } from './export-record.ts';
import { CONTEXT, collect, exportRecords, streamOf } from './fixtures/export-records.ts';

/** Records without end, counting how many were asked for. */
function endless() {
  const sample = exportRecords();
  const counter = { pulled: 0 };
  async function* records(): AsyncGenerator<ExportRecord> {
    for (;;) {
      const record = sample[counter.pulled % sample.length] as ExportRecord;
      counter.pulled += 1;
      yield record;
    }
  }
  return { records: records(), counter };
}

describe('exportLines', () => {
  it.each(EXPORT_FORMATS)('%s reads records only as it writes them', async (format) => {
    const { records, counter } = endless();
    let chunks = 0;
    for await (const chunk of exportLines(records, format, CONTEXT)) {
      expect(chunk.length).toBeGreaterThan(0);
      chunks += 1;
      if (chunks === 25) break;
    }
    expect(counter.pulled).toBeLessThanOrEqual(25);
    expect(counter.pulled).toBeGreaterThanOrEqual(23);
  });

  it('writes an empty export as valid, empty output', async () => {
    const none = streamOf([]);
    expect(JSON.parse(await collect(exportLines(none, 'datahub', CONTEXT)))).toEqual([]);
    expect(await collect(exportLines(streamOf([]), 'ndjson', CONTEXT))).toBe('');
    expect(await collect(exportLines(streamOf([]), 'openlineage', CONTEXT))).toBe('');
  });

  it('names each format’s content type and extension', () => {
    expect(EXPORT_FORMATS).toEqual(['ndjson', 'datahub', 'openlineage']);
    expect(EXPORT_FORMAT_INFO.ndjson).toEqual({ contentType: 'application/x-ndjson', extension: 'ndjson' });
    expect(EXPORT_FORMAT_INFO.datahub).toEqual({ contentType: 'application/json', extension: 'json' });
    expect(EXPORT_FORMAT_INFO.openlineage.contentType).toBe('application/x-ndjson');
    expect([isExportFormat('datahub'), isExportFormat('csv'), isExportFormat(undefined)]).toEqual([true, false, false]);
  });
});
