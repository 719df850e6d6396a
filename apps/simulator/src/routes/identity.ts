import type { FastifyInstance } from 'fastify';
import { restErrors } from '../rest/rest-error.ts';
import type { SimulatorState } from '../runtime/simulator-state.ts';
import { bearerToken } from '../runtime/sessions.ts';
import { countRequest } from './org-of-request.ts';
import { baseUrlOf, delay, sendJson } from './reply.ts';

const URL_KEYS: [string, string][] = [
  ['enterprise', 'Soap/c/{version}/ORGID'],
  ['metadata', 'Soap/m/{version}/ORGID'],
  ['partner', 'Soap/u/{version}/ORGID'],
  ['rest', 'data/v{version}/'],
  ['sobjects', 'data/v{version}/sobjects/'],
  ['search', 'data/v{version}/search/'],
  ['query', 'data/v{version}/query/'],
  ['recent', 'data/v{version}/recent/'],
  ['tooling_soap', 'Soap/T/{version}/ORGID'],
  ['tooling_rest', 'data/v{version}/tooling/'],
  ['feeds', 'data/v{version}/chatter/feeds'],
  ['groups', 'data/v{version}/chatter/groups'],
  ['users', 'data/v{version}/chatter/users'],
  ['feed_items', 'data/v{version}/chatter/feed-items'],
  ['feed_elements', 'data/v{version}/chatter/feed-elements'],
];

/** GET /id/ORGID/USERID: the identity service. A bad token gets 403 Bad_OAuth_Token, as on Salesforce. */
export function registerIdentity(app: FastifyInstance, state: SimulatorState): void {
  app.get('/id/:orgId/:userId', async (request, reply) => {
    const session = state.sessions.find(bearerToken(request.headers.authorization));
    const runtime = session ? state.orgs.get(session.orgName) : undefined;
    countRequest(request, runtime, 'identity');
    await delay((runtime?.faults.faults ?? state.defaultFaults).latencyMs);
    if (!runtime || !session || !runtime.admitSession(session, false)) {
      return reply.code(403).header('content-type', 'text/plain;charset=UTF-8').send('Bad_OAuth_Token');
    }
    const { orgId, userId } = request.params as { orgId: string; userId: string };
    const { org } = runtime;
    if (orgId !== org.id || userId !== org.userId) return sendJson(reply, 404, restErrors.notFound().body());
    const base = baseUrlOf(request);
    const spec = org.spec;
    const displayName = spec.username.split('@')[0] ?? spec.username;
    return sendJson(reply, 200, {
      id: `${base}/id/${org.id}/${org.userId}`,
      asserted_user: true,
      user_id: org.userId,
      organization_id: org.id,
      username: spec.username,
      nick_name: displayName,
      display_name: displayName,
      email: spec.username,
      email_verified: true,
      first_name: null,
      last_name: displayName,
      timezone: 'America/Los_Angeles',
      photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
      addr_street: null,
      addr_city: null,
      addr_state: null,
      addr_country: null,
      addr_zip: null,
      mobile_phone: null,
      mobile_phone_verified: false,
      is_lightning_login_user: false,
      status: { created_date: null, body: null },
      urls: {
        ...Object.fromEntries(
          URL_KEYS.map(([k, path]) => [k, `${base}/services/${path.replace('ORGID', org.id.slice(0, 15))}`]),
        ),
        profile: `${base}/${org.userId}`,
        custom_domain: base,
      },
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      last_modified_date: org.lastModified.toISOString().replace('Z', '+0000'),
      is_app_installed: true,
    });
  });
}
