import type { OrgSpec } from './org-spec.ts';

/** The org the deployable simulator serves when SIMULATOR_ORGS is not set; the demo logs in with it. */
export const demoOrgSpec: OrgSpec = {
  name: 'demo',
  seed: 42,
  customObjects: 40,
  fieldsPerObject: 30,
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret',
  username: 'demo@example.com',
  password: 'demo-password',
  securityToken: 'DEMOTOKEN',
};
