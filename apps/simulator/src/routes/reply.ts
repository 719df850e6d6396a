import type { FastifyReply, FastifyRequest } from 'fastify';

/** Salesforce's JSON content type, charset spelled its way. */
export const JSON_TYPE = 'application/json;charset=UTF-8';

/** Sends a JSON body (or pre-serialized JSON) the way Salesforce does; 304 carries no body. */
export function sendJson(
  reply: FastifyReply,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  json?: string,
): FastifyReply {
  reply.code(status).headers(headers);
  if (status === 304) return reply.send();
  return reply.header('content-type', JSON_TYPE).send(json ?? JSON.stringify(body));
}

/** The simulator's own base URL as the client reached it, used as instance_url and in identity URLs. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Waits the configured latency, if any. */
export function delay(ms: number | undefined): Promise<void> {
  return ms && ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
