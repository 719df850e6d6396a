import type { FastifyInstance } from 'fastify';
import { type PlantedLineage, plantedLineage } from '../../org/planted-lineage.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { findOrg, type OrgParams } from './find-org.ts';

/** GET /orgs/:name/lineage answers the lineage planted in the org as it is now: what a crawl must find. */
export function registerLineageRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.get<{ Params: OrgParams }>(
    '/orgs/:name/lineage',
    async (request): Promise<PlantedLineage> => plantedLineage(findOrg(state, request.params.name).org),
  );
}
