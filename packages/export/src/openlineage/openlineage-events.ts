import type { CatalogObject } from '@sfmeta/catalog/catalog-types';
import type { ReportView } from '@sfmeta/catalog/item-views';
import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';
import type { ExportContext, ExportRecord } from '../export-record.ts';
import { downstreamFieldOf, parseNodeId } from '../node-ids.ts';
import {
  DATASET_EVENT_SCHEMA_URL,
  facet,
  JOB_EVENT_SCHEMA_URL,
  OPENLINEAGE_PRODUCER,
  openLineageNamespace,
} from './openlineage-facets.ts';

// OpenLineage static events: objects and reports as DatasetEvents (schema, documentation, column lineage);
// dashboards, Apex classes, triggers and flows as JobEvents whose inputs are what they read.

type InputField = { namespace: string; name: string; field: string; transformations: object[] };

/** How each kind of edge transforms its source, in OpenLineage's words. */
const TRANSFORMATIONS: Readonly<Record<string, { type: string; subtype: string; description: string }>> = {
  reference: { type: 'DIRECT', subtype: 'IDENTITY', description: 'reference' },
  formula: { type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'formula' },
  rollup: { type: 'DIRECT', subtype: 'AGGREGATION', description: 'roll-up summary' },
  report_field: { type: 'DIRECT', subtype: 'IDENTITY', description: 'report column' },
};

/** The OpenLineage event of one record. */
export function openLineageEvent(record: ExportRecord, context: ExportContext): Record<string, unknown> {
  const namespace = openLineageNamespace(context.host);
  switch (record.type) {
    case 'object':
      return datasetEvent(context, objectDataset(record.object, record.upstream, namespace));
    case 'report':
      return datasetEvent(context, reportDataset(record.report, record.upstream, namespace));
    case 'dashboard':
      return jobEvent(context, `dashboard:${record.dashboard.id}`, 'DASHBOARD', record.upstream);
    case 'apex_class':
      return jobEvent(context, `apex_class:${record.apexClass.id}`, 'APEX_CLASS', record.upstream);
    case 'apex_trigger':
      return jobEvent(context, `apex_trigger:${record.apexTrigger.id}`, 'APEX_TRIGGER', record.upstream);
    case 'flow':
      return jobEvent(context, `flow:${record.id}`, 'FLOW', record.upstream);
  }
}

function datasetEvent(context: ExportContext, dataset: object) {
  return {
    eventTime: context.exportedAt,
    producer: OPENLINEAGE_PRODUCER,
    schemaURL: DATASET_EVENT_SCHEMA_URL,
    dataset,
  };
}

function objectDataset(object: CatalogObject, upstream: readonly LineageEdge[], namespace: string) {
  const fields = object.fields.map((field, index) => ({
    name: field.name,
    type: field.type,
    description: field.description ?? field.label,
    ordinal_position: index + 1,
  }));
  return {
    namespace,
    name: object.name,
    facets: {
      schema: facet('schema', { fields }),
      datasetType: facet('datasetType', {
        datasetType: 'TABLE',
        subType: object.custom ? 'CUSTOM_OBJECT' : 'STANDARD_OBJECT',
      }),
      ...documentation(object.description),
      ...columnLineage(upstream, namespace),
    },
  };
}

function reportDataset(report: ReportView, upstream: readonly LineageEdge[], namespace: string) {
  const fields = (report.columns ?? []).flatMap((column, index) =>
    column.name === null
      ? []
      : [{ name: column.name, ...(column.dataType ? { type: column.dataType } : {}), ordinal_position: index + 1 }],
  );
  return {
    namespace,
    name: `report:${report.id}`,
    facets: {
      schema: facet('schema', { fields }),
      datasetType: facet('datasetType', { datasetType: 'VIEW', subType: 'REPORT' }),
      ...documentation(report.description),
      ...columnLineage(upstream, namespace),
    },
  };
}

const documentation = (description: string | null) =>
  description ? { documentation: facet('documentation', { description }) } : {};

/**
 * Per output column, the input fields it is computed from: formula and roll-up inputs, the `Id` of the object a
 * reference field points at (or that a COUNT roll-up counts), and the field behind each column of a report.
 */
function columnLineage(upstream: readonly LineageEdge[], namespace: string) {
  const fields: Record<string, { inputFields: InputField[] }> = {};
  const add = (column: string, input: InputField) => {
    const entry = fields[column] ?? { inputFields: [] };
    entry.inputFields.push(input);
    fields[column] = entry;
  };
  for (const edge of upstream) {
    const transformation = TRANSFORMATIONS[edge.kind];
    const source = parseNodeId(edge.source);
    if (!transformation || source.kind === 'item') continue;
    const input = {
      namespace,
      name: source.object,
      field: source.kind === 'field' ? source.field : 'Id',
      transformations: [transformation],
    };
    const columns = edge.kind === 'report_field' ? (edge.detail.columns ?? []) : [downstreamFieldOf(edge)];
    for (const column of columns) if (column) add(column, input);
  }
  return Object.keys(fields).length === 0 ? {} : { columnLineage: facet('columnLineage', { fields }) };
}

function jobEvent(context: ExportContext, name: string, jobType: string, upstream: readonly LineageEdge[]) {
  const namespace = openLineageNamespace(context.host);
  const inputs = new Set<string>();
  for (const edge of upstream) {
    const source = parseNodeId(edge.source);
    inputs.add(source.kind === 'item' ? `${source.itemType}:${source.id}` : source.object);
  }
  return {
    eventTime: context.exportedAt,
    producer: OPENLINEAGE_PRODUCER,
    schemaURL: JOB_EVENT_SCHEMA_URL,
    job: {
      namespace,
      name,
      facets: { jobType: facet('jobType', { processingType: 'BATCH', integration: 'SALESFORCE', jobType }) },
    },
    inputs: [...inputs].map((input) => ({ namespace, name: input })),
    outputs: [],
  };
}
