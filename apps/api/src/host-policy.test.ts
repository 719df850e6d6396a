import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.ts';
import { createHostPolicy } from './host-policy.ts';

const policy = createHostPolicy(['http://127.0.0.1:4010']);

function rejection(input: string): string {
  try {
    policy(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('HOST_NOT_ALLOWED');
    return (error as AppError).message;
  }
  throw new Error(`${input} was accepted`);
}

describe('host policy', () => {
  it.each([
    ['login.salesforce.com', 'https://login.salesforce.com'],
    ['test.salesforce.com', 'https://test.salesforce.com'],
    ['https://login.salesforce.com/', 'https://login.salesforce.com'],
    ['acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
    ['  https://ACME.My.Salesforce.com  ', 'https://acme.my.salesforce.com'],
    ['https://acme.my.salesforce.com:443', 'https://acme.my.salesforce.com'],
    ['acme--uat.sandbox.my.salesforce.com', 'https://acme--uat.sandbox.my.salesforce.com'],
    ['acme-2.develop.my.salesforce.com', 'https://acme-2.develop.my.salesforce.com'],
    ['acme.scratch.my.salesforce.com', 'https://acme.scratch.my.salesforce.com'],
    ['acme.trailblaze.my.salesforce.com', 'https://acme.trailblaze.my.salesforce.com'],
    ['acme.my.site.com', 'https://acme.my.site.com'],
  ])('accepts %s', (input, origin) => {
    expect(policy(input)).toBe(origin);
  });

  it('admits allow-listed origins exactly as configured', () => {
    expect(policy('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(policy('http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010');
    expect(rejection('http://127.0.0.1:4011')).toMatch(/https/);
    expect(rejection('https://127.0.0.1:4010')).toMatch(/port/);
    expect(rejection('127.0.0.1:4010')).toMatch(/port/);
    expect(() => createHostPolicy()('http://127.0.0.1:4010')).toThrow(AppError);
  });

  it('refuses an allow-list entry that is not an origin', () => {
    expect(() => createHostPolicy(['not a url'])).toThrow(/not an origin/);
  });

  it.each([
    ['http://acme.my.salesforce.com', /only https/],
    ['ftp://acme.my.salesforce.com', /only https/],
    ['acme.lightning.force.com', /My Domain host/],
    ['https://acme.lightning.force.com', /My Domain host/],
    ['evil.com', /not a Salesforce login host/],
    ['salesforce.com', /not a Salesforce login host/],
    ['salesforce.com.evil.com', /not a Salesforce login host/],
    ['login.salesforce.com.evil.com', /not a Salesforce login host/],
    ['acme.my.salesforce.com.evil.com', /not a Salesforce login host/],
    ['evil.com/acme.my.salesforce.com', /path/],
    ['a.b.my.salesforce.com', /not a Salesforce login host/],
    ['acme.sandbox.my.salesforce.com', /not a Salesforce login host/],
    ['acme.unknown.my.salesforce.com', /not a Salesforce login host/],
    ['-acme.my.salesforce.com', /not a Salesforce login host/],
    ['login.salesforce.com.', /ends with a dot/],
    ['https://user:pass@acme.my.salesforce.com', /credentials/],
    ['https://user@acme.my.salesforce.com', /credentials/],
    ['https://login.salesforce.com@evil.com', /credentials/],
    ['https://acme.my.salesforce.com:8443', /port/],
    ['acme.my.salesforce.com:80', /port/],
    ['https://acme.my.salesforce.com/services/oauth2/token', /path/],
    ['https://acme.my.salesforce.com?x=1', /query/],
    ['https://acme.my.salesforce.com#frag', /fragment/],
    ['https://acme.my.salesforce.com\\@evil.com', /characters/],
    ['acme .my.salesforce.com', /characters/],
    ['acme%2emy.salesforce.com', /characters/],
    ['', /empty/],
    ['   ', /empty/],
    ['https://', /not a host name/],
    ['localhost', /localhost/],
    ['https://foo.localhost', /localhost/],
  ])('rejects %s', (input, reason) => {
    expect(rejection(input)).toMatch(reason);
  });

  it.each([
    ['127.0.0.1', /loopback/],
    ['https://127.0.0.1', /loopback/],
    ['2130706433', /127\.0\.0\.1 is a loopback/],
    ['0x7f.1', /127\.0\.0\.1 is a loopback/],
    ['0x7f000001', /loopback/],
    ['017700000001', /loopback/],
    ['10.0.0.5', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /link-local/],
    ['0.0.0.0', /unspecified/],
    ['8.8.8.8', /IP addresses are not allowed/],
    ['[::1]', /loopback/],
    ['https://[::1]', /loopback/],
    ['[fe80::1]', /link-local/],
    ['[fd00::1]', /private/],
    ['[::ffff:127.0.0.1]', /IPv4-mapped/],
    ['[2001:db8::1]', /IP addresses are not allowed/],
  ])('rejects the IP literal %s', (input, reason) => {
    const message = rejection(input);
    expect(message).toMatch(/IP addresses are not allowed/);
    expect(message).toMatch(reason);
  });
});
