import type { FastifyInstance, InjectOptions } from 'fastify';

/** Statuses whose response has no body (a Response refuses one). */
const BODILESS_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A fetch that answers through Fastify's `app.inject`: the request's method, path and query, headers and body go
 * to the app's routes in this process, and the answer comes back as a Response. No port listens.
 */
export function injectFetch(app: FastifyInstance): (request: Request) => Promise<Response> {
  return async (request) => {
    request.signal.throwIfAborted();
    const url = new URL(request.url);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const answer = await app.inject({
      method: request.method as InjectOptions['method'],
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      ...(body?.length ? { payload: body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
    }
    const bodiless = BODILESS_STATUSES.has(answer.statusCode) || request.method === 'HEAD';
    return new Response(bodiless ? null : answer.rawPayload, {
      status: answer.statusCode,
      statusText: answer.statusMessage,
      headers,
    });
  };
}
