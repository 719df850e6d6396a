import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { connect, connectionBody, extract } from './support/flow.ts';
import { callCallback, createOAuthConnection, followAuthorizeUrl, waitForConnection } from './support/oauth-flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'initech',
  seed: 5,
  customObjects: 6,
  fieldsPerObject: 20,
  clientId: 'initech-client',
  clientSecret: 'initech-consumer-secret-9f2c',
  username: 'admin@initech.test',
  password: 'initech-password-77aa',
  securityToken: 'INITECHSECURITYTOKEN42',
};

/** Every key under the prefix with everything stored in it, as one text. */
async function dumpRedis(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      parts.push(key);
      const type = await redis.type(key);
      if (type === 'string') parts.push(String(await redis.get(key)));
      else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, 0, -1)));
      else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
  } while (cursor !== '0');
  return parts.join('\n');
}

describe('secrets', () => {
  let stack: Stack;
  const logLines: string[] = [];
  const responses: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    stack = await startStack({ orgs: [org], logStream });
  });
  afterAll(() => stack?.stop());

  it('never appear in Redis, in logs or in API responses after a full run', async () => {
    const created = await stack.call('POST', '/api/v1/connections', connectionBody(stack, org));
    responses.push(created.text);
    const connection = await connect(stack, connectionBody(stack, org));
    const run = await extract(stack, connection.id);
    expect(run.status).toBe('succeeded');
    for (const url of [
      '/api/v1/connections',
      `/api/v1/connections/${connection.id}`,
      `/api/v1/extractions/${run.id}`,
      `/api/v1/connections/${connection.id}/objects`,
      `/api/v1/connections/${connection.id}/objects/Account`,
    ]) {
      responses.push((await stack.call('GET', url)).text);
    }

    const stored = await stack.workers[0]!.context.connections.secrets(connection.id);
    const secrets = [org.password, org.securityToken, org.clientSecret, stored?.accessToken ?? 'missing-token'];
    expect(stored?.accessToken).toBeTruthy();

    const redis = new Redis(serviceUrls().redisUrl);
    const redisText = await dumpRedis(redis, stack.config.queuePrefix);
    redis.disconnect();
    expect(redisText).toContain(run.id);
    expect(logLines.length).toBeGreaterThan(0);

    for (const secret of secrets) {
      expect(redisText).not.toContain(secret);
      expect(logLines.join('')).not.toContain(secret);
      for (const response of responses) expect(response).not.toContain(secret);
    }
  });

  it('never appear for the OAuth flow either: authorization code, access and refresh tokens', async () => {
    const created = await createOAuthConnection(stack, org);
    responses.push(JSON.stringify(created));
    const redirect = await followAuthorizeUrl(created.authorizeUrl);
    const code = redirect.searchParams.get('code')!;
    const callback = await callCallback(stack, redirect.searchParams);
    responses.push(callback.text);
    expect((await waitForConnection(stack, created.id)).status).toBe('connected');
    const firstAccessToken = (await stack.workers[0]!.context.connections.secrets(created.id))?.accessToken;
    // Force a refresh so that a second access token exists too.
    stack.simulator.org(org.name).expireSessions();
    const run = await extract(stack, created.id);
    expect(run.status).toBe('succeeded');
    responses.push((await stack.call('GET', `/api/v1/connections/${created.id}`)).text);

    const stored = await stack.workers[0]!.context.connections.secrets(created.id);
    expect(stored?.refreshToken).toBeTruthy();
    expect(stored?.accessToken).not.toBe(firstAccessToken);
    const secrets = [code, org.clientSecret, stored!.refreshToken!, stored!.accessToken!, firstAccessToken!];

    const redis = new Redis(serviceUrls().redisUrl);
    const redisText = await dumpRedis(redis, stack.config.queuePrefix);
    redis.disconnect();
    for (const secret of secrets) {
      expect(redisText).not.toContain(secret);
      expect(logLines.join('')).not.toContain(secret);
      for (const response of responses) expect(response).not.toContain(secret);
    }
  });
});
