import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';
import type { ExportContext } from '../export-record.ts';
import { parseNodeId } from '../node-ids.ts';
import {
  type MetadataChangeProposal,
  mcp,
  type OwnerOf,
  ownershipMcps,
  platformInstanceMcps,
  properties,
} from './datahub-mcp.ts';
import { dataFlowUrn, dataJobUrn, datasetUrn, schemaFieldUrn, type UrnScope } from './datahub-urns.ts';

// Apex classes, triggers and flows as DataHub data jobs of one data flow per org, reading the objects and fields
// their dependencies (and a trigger's object) name.

/** A job of the org's automation: what DataHub needs to show it and what it reads. */
export interface AutomationJob {
  id: string;
  jobType: 'APEX_CLASS' | 'APEX_TRIGGER' | 'FLOW';
  name: string | null;
  url: string | null;
  properties: Record<string, string | number | boolean | null | undefined>;
  owners: OwnerOf[];
  upstream: readonly LineageEdge[];
}

/** The org's data flow: one per org (its id, else its host), holding every Apex class, trigger and flow. */
export function automationFlowUrn(context: ExportContext): string {
  return dataFlowUrn(context.orgId ?? context.host, context);
}

/** The MCPs of the org's data flow: written once, before its first job. */
export function automationFlowMcps(context: ExportContext): MetadataChangeProposal[] {
  const urn = automationFlowUrn(context);
  const info = {
    customProperties: properties({ 'Org Id': context.orgId, Host: context.host }),
    name: `Apex and flows of ${context.host}`,
    ...(context.instanceUrl ? { externalUrl: context.instanceUrl } : {}),
  };
  return [mcp('dataFlow', urn, 'dataFlowInfo', info), ...platformInstanceMcps('dataFlow', urn, context)];
}

/** The MCPs of one job: its info, the datasets and fields it reads, its owners. */
export function automationJobMcps(job: AutomationJob, context: ExportContext): MetadataChangeProposal[] {
  const flow = automationFlowUrn(context);
  const urn = dataJobUrn(flow, job.id);
  const info = {
    customProperties: properties(job.properties),
    ...(job.url ? { externalUrl: job.url } : {}),
    name: job.name ?? job.id,
    type: { string: job.jobType },
    flowUrn: flow,
  };
  return [
    mcp('dataJob', urn, 'dataJobInfo', info),
    mcp('dataJob', urn, 'dataJobInputOutput', inputOutput(job.upstream, context)),
    ...platformInstanceMcps('dataJob', urn, context),
    ...ownershipMcps('dataJob', urn, job.owners),
  ];
}

function inputOutput(upstream: readonly LineageEdge[], scope: UrnScope): Record<string, unknown> {
  const datasets = new Set<string>();
  const fields = new Set<string>();
  for (const edge of upstream) {
    const source = parseNodeId(edge.source);
    if (source.kind === 'item') continue;
    const dataset = datasetUrn(source.object, scope);
    datasets.add(dataset);
    if (source.kind === 'field') fields.add(schemaFieldUrn(dataset, source.field));
  }
  return {
    inputDatasets: [...datasets],
    outputDatasets: [],
    ...(fields.size > 0 ? { inputDatasetFields: [...fields] } : {}),
  };
}
