import type { SObjectDescribe } from '../describe-types.ts';
import type { OrgSpec } from '../org-spec.ts';
import { createPrng, deriveSeed } from '../prng.ts';
import { generateApexClasses, type OrgApexClass } from './apex-classes.ts';
import { generateApexTriggers, isTriggerable, type OrgApexTrigger } from './apex-triggers.ts';
import { AuditStamper } from './audit-stamps.ts';
import { generateDashboards, type OrgDashboard } from './dashboards.ts';
import { generateFlows } from './flows.ts';
import type { OrgFlow } from './lineage-plan.ts';
import type { EntityMetadata } from './entity-metadata.ts';
import { isReportable } from './report-columns.ts';
import { generateReports, type OrgReport } from './reports.ts';
import { setupCounts } from './setup-counts.ts';
import type { OrgUser } from './users.ts';

/** What lives beside an org's objects and refers to them. */
export interface SetupItems {
  reports: OrgReport[];
  dashboards: OrgDashboard[];
  apexClasses: OrgApexClass[];
  apexTriggers: OrgApexTrigger[];
}

/** The setup items and the flows, which only MetadataComponentDependency shows. */
export interface GeneratedSetup extends SetupItems {
  flows: OrgFlow[];
}

/**
 * The reports, dashboards, Apex classes, triggers and flows of an org (as many as setupCounts says), on its objects,
 * made by its users before `latest`; each from a PRNG stream of its own, so that one count does not move the others.
 */
export function generateSetupItems(
  spec: OrgSpec,
  describes: ReadonlyMap<string, SObjectDescribe>,
  entities: ReadonlyMap<string, EntityMetadata>,
  users: readonly OrgUser[],
  latest: Date,
): GeneratedSetup {
  const stream = (salt: string) => createPrng(deriveSeed(spec.seed, salt));
  const stamper = (salt: string) => new AuditStamper(stream(salt), users);
  const counts = setupCounts(spec);
  const objects = [...describes.values()];
  const reports = generateReports(
    counts.reports,
    describes,
    users,
    stamper('report-authors'),
    stream('reports'),
    latest,
  );
  return {
    reports,
    dashboards: generateDashboards(
      counts.dashboards,
      reports,
      users,
      stamper('dashboard-authors'),
      stream('dashboards'),
      latest,
    ),
    apexClasses: generateApexClasses(
      counts.apexClasses,
      objects.filter(isReportable),
      stamper('apex-authors'),
      stream('apex'),
      latest,
      stream('apex-uses'),
      describes,
    ),
    apexTriggers: generateApexTriggers(
      counts.apexTriggers,
      objects.filter(isTriggerable),
      (name) => entities.get(name)?.durableId ?? name,
      stamper('trigger-authors'),
      stream('triggers'),
      latest,
      stream('trigger-uses'),
    ),
    flows: generateFlows(stream('flow-count').int(3, 12), objects.filter(isReportable), stream('flows')),
  };
}
