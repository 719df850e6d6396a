import type { OrgSpec } from '@sfmeta/simulator/org-spec';

/** The sizes of the complete-metadata org; each can be changed from a bench's command line. */
export interface CompleteOrgSizes {
  customObjects: number;
  fieldsPerObject: number;
  reports: number;
  dashboards: number;
  apexClasses: number;
  apexTriggers: number;
}

/** complete-metadata.bench.ts's sizes: ~2,000 objects and ~120,000 fields. */
export const completeOrgSizes: CompleteOrgSizes = {
  customObjects: 970,
  fieldsPerObject: 78,
  reports: 1000,
  dashboards: 200,
  apexClasses: 500,
  apexTriggers: 100,
};

/**
 * The org of complete-metadata.bench.ts (its name, seed and credentials), so that benches on the same org
 * measure the same metadata: the simulator generates it byte for byte from this spec.
 */
export function completeOrgSpec(sizes: CompleteOrgSizes = completeOrgSizes): OrgSpec {
  return {
    name: 'complete',
    seed: 11,
    ...sizes,
    clientId: 'complete-client-id',
    clientSecret: 'complete-client-secret',
    username: 'complete@bench.example.com',
    password: 'bench-password',
    securityToken: 'BENCHTOKEN',
    dailyApiLimit: 10_000_000,
  };
}
