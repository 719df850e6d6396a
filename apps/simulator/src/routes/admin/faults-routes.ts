import type { FastifyInstance } from 'fastify';
import { checkSchema } from '../../check-schema.ts';
import { FaultsSchema } from '../../runtime/faults.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { findOrg, type OrgParams } from './find-org.ts';

/** GET and PUT /orgs/:name/faults: PUT replaces every fault, so faults it does not name are off afterwards. */
export function registerFaultsRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.get<{ Params: OrgParams }>('/orgs/:name/faults', async (request) =>
    findOrg(state, request.params.name).currentFaults(),
  );

  app.put<{ Params: OrgParams }>('/orgs/:name/faults', async (request) => {
    const org = findOrg(state, request.params.name);
    org.setFaults(checkSchema(FaultsSchema, request.body, 'faults'));
    return org.currentFaults();
  });
}
