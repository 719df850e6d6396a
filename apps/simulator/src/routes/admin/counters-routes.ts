import type { FastifyInstance } from 'fastify';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { findOrg, type OrgParams } from './find-org.ts';

/**
 * GET /orgs/:name/counters reads them; DELETE zeroes them (daily API usage included) and answers the zeroes: the
 * requests still in flight stay counted and start the new concurrentRequestsPeak.
 */
export function registerCountersRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.get<{ Params: OrgParams }>(
    '/orgs/:name/counters',
    async (request) => findOrg(state, request.params.name).counters,
  );

  app.delete<{ Params: OrgParams }>('/orgs/:name/counters', async (request) => {
    const org = findOrg(state, request.params.name);
    org.resetCounters();
    return org.counters;
  });
}
