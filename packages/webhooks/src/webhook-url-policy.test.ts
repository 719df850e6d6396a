import { describe, expect, it } from 'vitest';
import { addressKind } from './address-kind.ts';
import { type ResolveAll, WebhookUrlError, createWebhookUrlPolicy } from './webhook-url-policy.ts';

const dns: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'internal.example.com': ['10.1.2.3'],
  'loopback.example.com': ['127.0.0.1'],
  'metadata.example.com': ['169.254.169.254'],
  'mixed.example.com': ['93.184.216.34', '192.168.1.10'],
  'v6-local.example.com': ['fe80::1'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
};

const resolve: ResolveAll = async (hostname) => {
  const addresses = dns[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const policy = createWebhookUrlPolicy({ allowedOrigins: ['http://127.0.0.1:8080'], resolve });

async function refusal(input: string): Promise<string> {
  const error = await policy.resolve(input).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(WebhookUrlError);
  return (error as Error).message;
}

describe('webhook URL policy', () => {
  it('accepts public https URLs, with their path and query, and answers the addresses to connect to', async () => {
    expect(policy.parse(' https://Hooks.Example.com/sfmeta?team=data ')).toBe(
      'https://hooks.example.com/sfmeta?team=data',
    );
    const resolved = await policy.resolve('https://hooks.example.com:8443/in');
    expect(resolved.url.href).toBe('https://hooks.example.com:8443/in');
    expect(resolved.addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
    expect((await policy.resolve('https://93.184.216.34/in')).addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
  });

  it('admits allow-listed origins as they are, without resolving them', async () => {
    expect(await policy.resolve('http://127.0.0.1:8080/hook')).toMatchObject({ addresses: null });
    expect(await refusal('http://127.0.0.1:8081/hook')).toMatch(/only https/);
    expect(await refusal('http://user:pw@127.0.0.1:8080/hook')).toMatch(/credentials/);
  });

  it.each([
    ['http://hooks.example.com/in', /only https/],
    ['ftp://hooks.example.com/in', /only https/],
    ['https://user:secret@hooks.example.com/in', /credentials/],
    ['https://hooks.example.com/in#part', /fragment/],
    ['hooks.example.com/in', /not an absolute URL/],
    ['', /empty/],
    ['https://hooks.example.com/a b', /whitespace/],
    ['https://hooks.example.com\\@evil.com', /backslashes/],
    [`https://hooks.example.com/${'a'.repeat(2100)}`, /longer than/],
    ['https://localhost/in', /localhost/],
    ['https://api.localhost/in', /localhost/],
    ['https://127.0.0.1/in', /loopback/],
    ['https://2130706433/in', /127\.0\.0\.1 is a loopback/],
    ['https://10.0.0.5/in', /private/],
    ['https://172.20.1.1/in', /private/],
    ['https://192.168.0.1/in', /private/],
    ['https://169.254.169.254/latest', /link-local/],
    ['https://100.64.0.1/in', /carrier-grade/],
    ['https://0.0.0.0/in', /unspecified/],
    ['https://[::1]/in', /loopback/],
    ['https://[fe80::1]/in', /link-local/],
    ['https://[fd12::1]/in', /private/],
    ['https://[::ffff:10.0.0.1]/in', /IPv4-mapped/],
  ])('refuses %s as written', async (input, reason) => {
    expect(() => policy.parse(input)).toThrow(WebhookUrlError);
    expect(await refusal(input)).toMatch(reason);
  });

  it.each([
    ['https://internal.example.com/in', /resolves to 10\.1\.2\.3, a private address/],
    ['https://loopback.example.com/in', /resolves to 127\.0\.0\.1, a loopback address/],
    ['https://metadata.example.com/in', /link-local/],
    ['https://mixed.example.com/in', /resolves to 192\.168\.1\.10/],
    ['https://v6-local.example.com/in', /link-local/],
    ['https://mapped.example.com/in', /IPv4-mapped/],
    ['https://nowhere.example.com/in', /could not be resolved \(ENOTFOUND\)/],
  ])('refuses %s once resolved', async (input, reason) => {
    expect(() => policy.parse(input)).not.toThrow();
    expect(await refusal(input)).toMatch(reason);
  });

  it('refuses an allow-list entry that is not an origin', () => {
    expect(() => createWebhookUrlPolicy({ allowedOrigins: ['not a url'] })).toThrow(/not an origin/);
  });
});

describe('addressKind', () => {
  it.each([
    ['8.8.8.8', undefined],
    ['2001:4860:4860::8888', undefined],
    ['not-an-ip', undefined],
    ['127.1.2.3', 'a loopback address'],
    ['[::1]', 'a loopback address'],
    ['172.15.0.1', undefined],
    ['172.32.0.1', undefined],
    ['172.31.0.1', 'a private address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
});
