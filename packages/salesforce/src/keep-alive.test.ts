import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithPassword } from './password-login.ts';
import { SalesforceClient } from './salesforce-client.ts';

// jsforce ≤ 3.10.16 can hang on a reused keep-alive socket under some Node 22/24 releases
// (jsforce issue 1806): every request sfmeta makes asks the server to close the connection.
describe('requests to Salesforce', () => {
  const seen: IncomingHttpHeaders[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers);
      const body = request.url?.startsWith('/services/oauth2/token')
        ? { access_token: 'at', instance_url: url, id: `${url}/id/00D000000000001AAA/005000000000001AAA` }
        : { DailyApiRequests: { Max: 15000, Remaining: 14999 } };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('ask for connection: close, REST calls and token requests alike', async () => {
    const session = { accessToken: 'at', instanceUrl: url };
    const client = new SalesforceClient({
      sessions: { current: async () => session, renew: async () => session },
      apiVersion: '62.0',
    });
    await client.request('limits', { url: client.dataPath('/limits') });
    await client.request('composite', { method: 'POST', url: client.dataPath('/composite'), body: {} });
    await loginWithPassword({
      loginUrl: url,
      clientId: 'c',
      clientSecret: 's',
      username: 'u',
      password: 'p',
      securityToken: null,
    });
    expect(seen).toHaveLength(3);
    expect(seen.map((headers) => headers.connection)).toEqual(['close', 'close', 'close']);
  });
});
