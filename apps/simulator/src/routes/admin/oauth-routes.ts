import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkSchema } from '../../check-schema.ts';
import { OAuthSettingsPatchSchema } from '../../runtime/oauth-settings.ts';
import type { OrgRuntime } from '../../runtime/org-runtime.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { findOrg, type OrgParams } from './find-org.ts';

/** An org's OAuth state and the actions on it; every route answers the OAuth state as it is afterwards. */
export function registerOAuthRoutes(app: FastifyInstance, state: SimulatorState): void {
  const answer =
    (action: (org: OrgRuntime, body: unknown) => void) => async (request: FastifyRequest<{ Params: OrgParams }>) => {
      const org = findOrg(state, request.params.name);
      action(org, request.body);
      return org.oauthState();
    };
  app.get(
    '/orgs/:name/oauth',
    answer(() => {}),
  );
  app.patch(
    '/orgs/:name/oauth',
    answer((org, body) => org.setOAuth(checkSchema(OAuthSettingsPatchSchema, body, 'OAuth settings'))),
  );
  app.post(
    '/orgs/:name/expire-sessions',
    answer((org) => org.expireSessions()),
  );
  app.post(
    '/orgs/:name/revoke-refresh-tokens',
    answer((org) => org.revokeRefreshTokens()),
  );
}
