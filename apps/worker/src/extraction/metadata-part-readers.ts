import type { ExtractionScope } from '@sfmeta/catalog/extraction-scope';
import type { ItemKind } from '@sfmeta/catalog/item-store';
import type { MetadataPart } from '@sfmeta/queue/job-catalogue';
import { describeDashboard, describeReport } from '@sfmeta/salesforce/analytics-describes';
import {
  apexBodyField,
  apexClassFields,
  apexTriggerFields,
  dashboardFields,
  reportFields,
} from '@sfmeta/salesforce/changed-records';
import type { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';

/** How one kind of metadata beyond objects is read from Salesforce and stored in the catalog. */
export interface MetadataPartReader {
  kind: ItemKind;
  /** The sObject queried (data SOQL, or Tooling when `tooling`). */
  object: string;
  tooling: boolean;
  /** The scope switch that turns the part on. */
  enabledBy: keyof Pick<ExtractionScope, 'reports' | 'dashboards' | 'apexClasses' | 'apexTriggers'>;
  fields(scope: ExtractionScope): readonly string[];
  /** One call per item for what the list does not say (report columns, dashboard components). */
  describe?: (client: SalesforceClient, id: string) => Promise<unknown>;
}

const withBody = (fields: readonly string[]) => (scope: ExtractionScope) =>
  scope.apexSource ? [...fields, apexBodyField] : fields;

/** Every part a run's `collect` jobs read. */
export const metadataPartReaders: Record<MetadataPart, MetadataPartReader> = {
  reports: {
    kind: 'report',
    object: 'Report',
    tooling: false,
    enabledBy: 'reports',
    fields: () => reportFields,
    describe: describeReport,
  },
  dashboards: {
    kind: 'dashboard',
    object: 'Dashboard',
    tooling: false,
    enabledBy: 'dashboards',
    fields: () => dashboardFields,
    describe: describeDashboard,
  },
  apex_classes: {
    kind: 'apex_class',
    object: 'ApexClass',
    tooling: true,
    enabledBy: 'apexClasses',
    fields: withBody(apexClassFields),
  },
  apex_triggers: {
    kind: 'apex_trigger',
    object: 'ApexTrigger',
    tooling: true,
    enabledBy: 'apexTriggers',
    fields: withBody(apexTriggerFields),
  },
};
