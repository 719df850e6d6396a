import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimulatorState } from '../runtime/simulator-state.ts';
import { countRequest } from './org-of-request.ts';
import { delay } from './reply.ts';

/** Scopes granted when the authorize request names none: what the crawler needs. */
const DEFAULT_SCOPE = 'api refresh_token offline_access';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Salesforce's answer when it cannot trust the redirect URI: an error page, never a redirect. */
function errorPage(reply: FastifyReply, error: string, description: string): FastifyReply {
  const query = `error=${error}&error_description=${encodeURIComponent(description)}`;
  return reply
    .code(400)
    .header('content-type', 'text/html;charset=UTF-8')
    .send(
      `<!DOCTYPE html><html><head><title>Remote Access Error</title></head><body><h1>Remote Access Error</h1>` +
        `<p id="error">${escapeHtml(query)}</p><p>${escapeHtml(description)}</p></body></html>`,
    );
}

/** A 302 to the client's callback with these parameters appended to its query. */
function redirectTo(
  reply: FastifyReply,
  redirectUri: string,
  params: Record<string, string | undefined>,
): FastifyReply {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return reply
    .code(302)
    .header('location', `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${query}`)
    .send();
}

/**
 * GET /services/oauth2/authorize (web-server flow). There is no login page: the org's test user
 * approves at once (or denies, per OAuthSettings.denyAuthorization) and the browser is sent back
 * to redirect_uri with a code or an error, the request's state echoed either way.
 */
export function registerOAuthAuthorize(app: FastifyInstance, state: SimulatorState): void {
  app.get('/services/oauth2/authorize', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const org = state.byClientId.get(q.client_id ?? '');
    countRequest(request, org, 'oauth_authorize');
    if (org) org.counters.authorizations++;
    await delay((org?.faults.faults ?? state.defaultFaults).latencyMs);
    if (!org || org.oauth.settings.clientDeleted)
      return errorPage(reply, 'invalid_client_id', 'client identifier invalid');
    const redirectUri = q.redirect_uri;
    const allowed = org.org.spec.callbackUrls;
    if (!redirectUri || (allowed && !allowed.includes(redirectUri))) {
      return errorPage(reply, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
    }
    const stateParam = q.state;
    const fail = (error: string, description: string) =>
      redirectTo(reply, redirectUri, { error, error_description: description, state: stateParam });
    if (q.response_type !== 'code') return fail('unsupported_response_type', 'response type not supported');
    // jsforce sends a challenge without a method; Salesforce takes it as S256.
    const method = q.code_challenge_method ?? 'S256';
    if (method !== 'S256' && method !== 'plain') return fail('invalid_request', 'unsupported code challenge method');
    if (org.oauth.settings.denyAuthorization) return fail('access_denied', 'end-user denied authorization');
    const code = org.oauth.codes.issue(
      {
        redirectUri,
        scope: q.scope?.trim() || DEFAULT_SCOPE,
        codeChallenge: q.code_challenge || undefined,
        codeChallengeMethod: method,
      },
      org.oauth.settings.codeTtlMs,
    );
    return redirectTo(reply, redirectUri, { code: code.code, state: stateParam });
  });
}
