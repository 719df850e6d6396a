import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import { bearerToken } from '../../runtime/sessions.ts';
import { AdminError } from './admin-error.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** An onRequest hook that lets through only `Authorization: Bearer <token>`; 401 otherwise. */
export function requireAdminToken(token: string): onRequestAsyncHookHandler {
  // Comparing fixed-length digests keeps the time independent of the token's length and content.
  const expected = digest(token);
  return async (request, reply) => {
    const presented = bearerToken(request.headers.authorization);
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return;
    reply.header('www-authenticate', 'Bearer realm="simulator-admin"');
    throw new AdminError(
      401,
      presented === undefined
        ? 'an admin token is required (Authorization: Bearer <token>)'
        : 'the admin token is not valid',
    );
  };
}
