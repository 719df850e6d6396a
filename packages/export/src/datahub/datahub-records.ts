import type { ExportContext, ExportRecord } from '../export-record.ts';
import { datasetMcps } from './datahub-dataset.ts';
import { chartMcps, dashboardMcps } from './datahub-charts.ts';
import { type AutomationJob, automationFlowMcps, automationJobMcps } from './datahub-jobs.ts';
import type { MetadataChangeProposal } from './datahub-mcp.ts';

// Which DataHub entities each export record becomes.

/** Turns records into MCPs one record at a time; remembers only whether the org's data flow was written. */
export function createDatahubMapper(context: ExportContext) {
  const exportedAt = Date.parse(context.exportedAt);
  let flowWritten = false;
  const job = (automation: AutomationJob): MetadataChangeProposal[] => {
    const flow = flowWritten ? [] : automationFlowMcps(context);
    flowWritten = true;
    return [...flow, ...automationJobMcps(automation, context)];
  };
  return (record: ExportRecord): MetadataChangeProposal[] => {
    switch (record.type) {
      case 'object':
        return datasetMcps(record.object, record.upstream, context, exportedAt);
      case 'report':
        return chartMcps(record.report, record.upstream, context, exportedAt);
      case 'dashboard':
        return dashboardMcps(record.dashboard, record.upstream, context, exportedAt);
      case 'apex_class': {
        const apex = record.apexClass;
        return job({
          id: apex.id,
          jobType: 'APEX_CLASS',
          name: apex.name,
          url: apex.url,
          properties: { Namespace: apex.namespace, 'API Version': apex.apiVersion, Status: apex.status },
          owners: [
            { user: apex.createdBy, type: 'TECHNICAL_OWNER' },
            { user: apex.lastModifiedBy, type: 'TECHNICAL_OWNER' },
          ],
          upstream: record.upstream,
        });
      }
      case 'apex_trigger': {
        const trigger = record.apexTrigger;
        return job({
          id: trigger.id,
          jobType: 'APEX_TRIGGER',
          name: trigger.name,
          url: trigger.url,
          properties: {
            Namespace: trigger.namespace,
            'API Version': trigger.apiVersion,
            Object: trigger.object,
            Events: trigger.events.join(', '),
            Active: trigger.active,
          },
          owners: [
            { user: trigger.createdBy, type: 'TECHNICAL_OWNER' },
            { user: trigger.lastModifiedBy, type: 'TECHNICAL_OWNER' },
          ],
          upstream: record.upstream,
        });
      }
      case 'flow':
        return job({
          id: record.id,
          jobType: 'FLOW',
          name: record.name,
          url: null,
          properties: {},
          owners: [],
          upstream: record.upstream,
        });
    }
  };
}
