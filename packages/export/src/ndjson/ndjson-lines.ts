import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';
import type { ExportContext, ExportRecord } from '../export-record.ts';

// The sfmeta NDJSON format: one JSON object per line for every item, field and edge
// (schema: schemas/sfmeta-ndjson-v1.schema.json, described in README.md).

/** The version of the line format; additive changes keep it (see README.md). */
export const NDJSON_SCHEMA_VERSION = 1;

/** One line of the NDJSON export before serialisation. */
export type NdjsonLine = { schemaVersion: number; type: string; connectionId: string; runId: string } & Record<
  string,
  unknown
>;

/** The lines of one record: the item, then (for an object) its fields, then its upstream edges. */
export function* ndjsonLinesOf(record: ExportRecord, context: ExportContext): Generator<NdjsonLine> {
  // `type` names the line, so an item's own `type` (a field's, a dashboard's) is renamed before it gets here.
  const line = <T extends object>(type: string, attributes: T & { type?: never }): NdjsonLine => ({
    schemaVersion: NDJSON_SCHEMA_VERSION,
    type,
    connectionId: context.connectionId,
    runId: context.runId,
    ...attributes,
  });
  switch (record.type) {
    case 'object': {
      const { fields, ...object } = record.object;
      yield line('object', { ...object, fieldCount: fields.length });
      for (const { type, ...field } of fields) yield line('field', { object: object.name, ...field, fieldType: type });
      break;
    }
    case 'report':
      yield line('report', record.report);
      break;
    case 'dashboard': {
      const { type, ...dashboard } = record.dashboard;
      yield line('dashboard', { ...dashboard, dashboardType: type });
      break;
    }
    case 'apex_class':
      yield line('apex_class', record.apexClass);
      break;
    case 'apex_trigger':
      yield line('apex_trigger', record.apexTrigger);
      break;
    case 'flow':
      yield line('flow', { id: record.id, name: record.name });
      break;
  }
  for (const edge of record.upstream) yield line('edge', edgeAttributes(edge));
}

const edgeAttributes = ({ kind, source, target, detail }: LineageEdge) => ({ kind, source, target, detail });
