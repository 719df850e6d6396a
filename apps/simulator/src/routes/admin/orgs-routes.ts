import type { FastifyInstance } from 'fastify';
import { checkSchema } from '../../check-schema.ts';
import { OrgShapeSchema } from '../../runtime/org-shape.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { findOrg, type OrgParams } from './find-org.ts';
import { orgSummary } from './org-summary.ts';

/** GET /orgs lists the orgs; PUT /orgs/:name/shape regenerates one in place and answers its new summary. */
export function registerOrgsRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.get('/orgs', async () => [...state.orgs.values()].map(orgSummary));

  app.put<{ Params: OrgParams }>('/orgs/:name/shape', async (request) => {
    const org = findOrg(state, request.params.name);
    org.setShape(checkSchema(OrgShapeSchema, request.body, 'shape'));
    return orgSummary(org);
  });
}
