import type { FastifyInstance } from 'fastify';
import { checkSchema } from '../../check-schema.ts';
import type { Mutation, MutationReport } from '../../mutations/mutation-schema.ts';
import { MutationRequestSchema } from '../../mutations/mutation-schema.ts';
import { randomMutations } from '../../mutations/random-mutations.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { AdminError } from './admin-error.ts';
import { findOrg, type OrgParams } from './find-org.ts';

/**
 * POST /orgs/:name/mutations changes an org's metadata in place, with `{mutations: [...]}` or `{random: {seed,
 * count}}`, all or nothing; it answers the mutations applied (random ones spelt out, to replay them) and what
 * they changed.
 */
export function registerMutationsRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.post<{ Params: OrgParams }>('/orgs/:name/mutations', async (request): Promise<MutationReport> => {
    const org = findOrg(state, request.params.name);
    const body = checkSchema(MutationRequestSchema, request.body, 'mutation request');
    if ((body.mutations === undefined) === (body.random === undefined)) {
      throw new AdminError(400, 'invalid mutation request: give either mutations or random');
    }
    // Each mutation is checked against the schema of its kind when applied, naming its index if it is wrong.
    const mutations = body.random ? randomMutations(org.org, body.random) : (body.mutations as Mutation[]);
    return { mutations, ...org.mutate(mutations) };
  });
}
