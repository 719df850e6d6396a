import { createServer, type RequestListener, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorAdminClient } from './admin-client.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server that is not a simulator, handling requests its own way; its URL. */
async function impostor(handle: RequestListener): Promise<string> {
  server = createServer(handle);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const answering =
  (status: number, body: string): RequestListener =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html' }).end(body);
  };

// The client against the real admin API is tested with the admin routes and the CLI; these are the answers
// only others give.
describe('SimulatorAdminClient', () => {
  it('says so when a URL answers 200 without JSON', async () => {
    const url = await impostor(answering(200, '<html>hello</html>'));
    await expect(new SimulatorAdminClient({ url }).orgs()).rejects.toMatchObject({
      name: 'SimulatorAdminError',
      status: 200,
      message: `GET /__admin/orgs answered 200 without JSON: is ${url} a simulator?`,
    });
  });

  it("shows the start of a non-JSON error body, such as a proxy's", async () => {
    const url = await impostor(answering(502, 'Bad Gateway'));
    await expect(new SimulatorAdminClient({ url: `${url}/` }).faults('a b')).rejects.toMatchObject({
      status: 502,
      message: 'GET /__admin/orgs/a%20b/faults answered 502: Bad Gateway',
    });
  });

  it('gives up after timeoutMs when nothing answers', async () => {
    const url = await impostor(() => {});
    await expect(new SimulatorAdminClient({ url, timeoutMs: 100 }).orgs()).rejects.toMatchObject({
      status: undefined,
      message: `cannot reach the simulator at ${url}: no answer within 100 ms`,
    });
  });
});
