import type { OrgSpec } from '@sfmeta/simulator/org-spec';

/** The fault suite's org: about 1,500 objects (15 describe jobs, 60 composite calls), few fields each. */
export const faultOrg: OrgSpec = {
  name: 'initech',
  seed: 91,
  customObjects: 600,
  fieldsPerObject: 4,
  clientId: 'initech-client',
  clientSecret: 'initech-secret-value',
  username: 'admin@initech.test',
  password: 'initech-password-value',
  securityToken: 'INITECHTOKEN',
};

/** Worker settings that make a crawl of faultOrg take a few seconds, and dead workers noticed within seconds. */
export const slowCrawl = {
  SFMETA_WORKER_CONCURRENCY: '1',
  SFMETA_DESCRIBE_CONCURRENCY: '1',
  SFMETA_LOCK_DURATION_MS: '3000',
  SFMETA_STALLED_INTERVAL_MS: '1000',
};
