import type { OrgSpec } from '@sfmeta/simulator/org-spec';

/** The seed of versioned-catalog.bench.ts's large org: the big org of the fairness and memory benches. */
export const BIG_ORG_SEED = 12;

/**
 * A simulated org of about `objects` objects in describeGlobal, `fieldsPerObject` fields on each custom one:
 * describeGlobal lists ~56 standard objects, and each custom object comes with ~1.1 companions on average.
 */
export const sizedOrgSpec = (name: string, seed: number, objects: number, fieldsPerObject: number): OrgSpec => ({
  name,
  seed,
  customObjects: Math.max(1, Math.round((objects - 56) / 2.1)),
  fieldsPerObject,
  clientId: `${name}-client-id`,
  clientSecret: `${name}-client-secret`,
  username: `${name}@bench.example.com`,
  password: 'bench-password',
  securityToken: 'BENCHTOKEN',
  dailyApiLimit: 10_000_000,
});
