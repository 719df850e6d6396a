import type { OrgSpec } from '../org-spec.ts';
import { createPrng, deriveSeed } from '../prng.ts';

/** How many reports, dashboards, Apex classes and triggers an org is generated with. */
export interface SetupCounts {
  reports: number;
  dashboards: number;
  apexClasses: number;
  apexTriggers: number;
}

/** The spec's counts, each drawn from its seed when the spec leaves it out (the sizes of a small real org). */
export function setupCounts(spec: OrgSpec): SetupCounts {
  const prng = createPrng(deriveSeed(spec.seed, 'setup-counts'));
  const drawn = {
    reports: prng.int(20, 60),
    dashboards: prng.int(5, 20),
    apexClasses: prng.int(25, 60),
    apexTriggers: prng.int(5, 20),
  };
  return {
    reports: spec.reports ?? drawn.reports,
    dashboards: spec.dashboards ?? drawn.dashboards,
    apexClasses: spec.apexClasses ?? drawn.apexClasses,
    apexTriggers: spec.apexTriggers ?? drawn.apexTriggers,
  };
}
