import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, createTestApp, type TestApp } from '@sfmeta/api/test-app';
import { createSfmetaClient } from './sfmeta-client.ts';
import { SfmetaApiError } from './sfmeta-api-error.ts';
import { SfmetaUnreachableError } from './sfmeta-unreachable-error.ts';
import { unwrap } from './unwrap.ts';

/** A port that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What `work` throws, or undefined. */
function thrownBy(work: () => unknown): unknown {
  try {
    work();
    return undefined;
  } catch (error) {
    return error;
  }
}

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await t.close();
});

describe('createSfmetaClient', () => {
  it('calls the API with its key and answers the typed data', async () => {
    const client = createSfmetaClient({ baseUrl: `${baseUrl}/`, apiKey: API_KEY });
    const listed = unwrap(await client.GET('/api/v1/connections'));
    expect(listed.items).toEqual([]);
  });

  it("throws the API's error code and message for an answer that is not ok", async () => {
    const client = createSfmetaClient({ baseUrl, apiKey: API_KEY });
    const id = '00000000-0000-4000-8000-000000000000';
    const missing = await client.GET('/api/v1/connections/{id}', { params: { path: { id } } });
    const notFound = thrownBy(() => unwrap(missing));
    expect(notFound).toBeInstanceOf(SfmetaApiError);
    expect(notFound).toMatchObject({ status: 404, code: 'NOT_FOUND', message: `connection ${id} does not exist` });

    const refused = createSfmetaClient({ baseUrl, apiKey: 'not-the-key' });
    const unauthorized = await refused.GET('/api/v1/connections');
    expect(thrownBy(() => unwrap(unauthorized))).toMatchObject({ status: 401, name: 'SfmetaApiError' });
  });

  it('names an error body the API did not shape with the HTTP status', () => {
    const error = SfmetaApiError.from(
      new Response('<html>bad gateway</html>', { status: 502 }),
      '<html>bad gateway</html>',
    );
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', message: '<html>bad gateway</html>' });
    expect(
      SfmetaApiError.from(new Response(null, { status: 503, statusText: 'Service Unavailable' }), undefined),
    ).toMatchObject({ code: 'HTTP_503', message: '503 Service Unavailable' });
  });

  it('throws SfmetaUnreachableError with the network code when nothing answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const client = createSfmetaClient({ baseUrl: url, apiKey: API_KEY });
    const call = client.GET('/api/v1/connections');
    await expect(call).rejects.toBeInstanceOf(SfmetaUnreachableError);
    await expect(call).rejects.toMatchObject({ reason: 'ECONNREFUSED', baseUrl: url });
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const client = createSfmetaClient({
      baseUrl,
      apiKey: API_KEY,
      fetch: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('x-api-key')}`);
        return fetch(request);
      },
    });
    unwrap(await client.GET('/api/v1/connections'));
    expect(seen).toEqual([`GET /api/v1/connections ${API_KEY}`]);
  });
});
