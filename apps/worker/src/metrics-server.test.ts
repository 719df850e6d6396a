import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startMetricsServer } from './metrics-server.ts';

const TOKEN = 'scrape-me-please';

function registryWithACounter(): Registry {
  const registry = new Registry();
  new Counter({ name: 'sfmeta_test_total', help: 'a counter for the test', registers: [registry] }).inc();
  return registry;
}

describe('startMetricsServer', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function start(token?: string): Promise<string> {
    const server = await startMetricsServer(registryWithACounter(), { host: '127.0.0.1', port: 0, token });
    servers.push(server);
    return server.url;
  }

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: `Bearer ${TOKEN}x` }],
    ['the token with another scheme', { authorization: `Basic ${TOKEN}` }],
    ['an empty Bearer token', { authorization: 'Bearer ' }],
  ])('answers 401 to /metrics with %s', async (_, headers: Record<string, string>) => {
    const response = await fetch(`${await start(TOKEN)}/metrics`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await response.text()).toBe('');
  });

  it('serves /metrics with the token', async () => {
    const response = await fetch(`${await start(TOKEN)}/metrics`, { headers: { authorization: `bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('sfmeta_test_total 1');
  });

  it('serves /metrics to anyone without a token', async () => {
    for (const token of [undefined, '']) {
      const response = await fetch(`${await start(token)}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('sfmeta_test_total 1');
    }
  });

  it('keeps /healthz open when a token is set', async () => {
    const response = await fetch(`${await start(TOKEN)}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
