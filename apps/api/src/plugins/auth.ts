import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../app-error.ts';

// Routes anyone may call: probes, the OAuth callback (Salesforce redirects a browser there) and the docs.
const PUBLIC_ROUTES = new Set(['/healthz', '/readyz', '/openapi.json']);
const PUBLIC_PREFIXES = ['/docs', '/api/v1/oauth/'];

function isPublic(request: FastifyRequest): boolean {
  // The route pattern, not the raw URL, so that no spelling of a path can reach a private route.
  const route = request.routeOptions.url;
  if (route === undefined) return false;
  return PUBLIC_ROUTES.has(route) || PUBLIC_PREFIXES.some((prefix) => route.startsWith(prefix));
}

/** The key a request presents: `x-api-key`, `Authorization: Bearer KEY` or HTTP Basic with the key as password. */
function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = request.headers.authorization ?? '';
  const [scheme = '', credentials = ''] = authorization.split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer' && credentials !== '') return credentials;
  if (scheme.toLowerCase() === 'basic' && credentials !== '') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0 && colon < decoded.length - 1) return decoded.slice(colon + 1);
  }
  return undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Requires an API key from `config.api.keys` on every route but the public ones; no keys means no access. */
export default fp(
  async (app) => {
    // Comparing fixed-length digests of every key keeps the time independent of the key and of which one matched.
    const keys = app.config.api.keys.map(digest);
    const accepts = (candidate: string) => {
      const presented = digest(candidate);
      let match = false;
      for (const key of keys) match = timingSafeEqual(key, presented) || match;
      return match;
    };

    app.addHook('onRequest', async (request, reply) => {
      if (isPublic(request)) return;
      const key = presentedKey(request);
      if (key !== undefined && accepts(key)) return;
      // Browsers only prompt for a password on a Basic challenge, which the dashboard needs.
      const dashboard = request.routeOptions.url?.startsWith('/admin') ?? false;
      reply.header('www-authenticate', dashboard ? 'Basic realm="sfmeta", charset="UTF-8"' : 'Bearer realm="sfmeta"');
      throw new AppError('UNAUTHORIZED', key === undefined ? 'an API key is required' : 'the API key is not valid');
    });
  },
  { name: 'auth', dependencies: ['config'] },
);
