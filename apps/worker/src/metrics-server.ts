import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the request carries `Authorization: Bearer <token>`. */
function presentsToken(request: IncomingMessage, token: Buffer): boolean {
  const [scheme = '', credentials = ''] = (request.headers.authorization ?? '').split(/\s+/, 2);
  // Fixed-length digests let timingSafeEqual compare without telling the token's length.
  return scheme.toLowerCase() === 'bearer' && timingSafeEqual(digest(credentials), token);
}

/**
 * A tiny HTTP server for Prometheus: `GET /metrics` and `GET /healthz`. With a `token`, `/metrics`
 * requires it as a Bearer token; `/healthz` stays open for probes.
 */
export async function startMetricsServer(
  registry: Registry,
  options: { host: string; port: number; token?: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const token = options.token ? digest(options.token) : undefined;
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/metrics') {
      if (token && !presentsToken(request, token)) {
        response.writeHead(401, { 'www-authenticate': 'Bearer realm="sfmeta-worker"' }).end();
        return;
      }
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else if (request.method === 'GET' && request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
