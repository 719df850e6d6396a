import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { JobRefusal } from './job-refusal.ts';

// c-ares rather than dns.lookup: lookup runs getaddrinfo on libuv's four threads, so a burst of
// slow lookups for dead hosts would hold up every other lookup (and every new HTTPS connection).
const resolver = new Resolver({ timeout: 2000, tries: 2 });

/**
 * Checks, before a connection's first login, that its host exists in DNS. A host that has never
 * resolved is a typo, not an outage: when DNS answers NXDOMAIN for both A and AAAA the connection
 * fails at once instead of retrying for minutes. Any other DNS trouble (timeouts, no server) is
 * left to the login, which retries it as transient. Single-label names (compose services) and IP
 * addresses are not checked: they are not public DNS names.
 */
export async function assertHostResolves(host: string): Promise<void> {
  const hostname = new URL(host).hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname) !== 0 || !hostname.includes('.')) return;
  const answers = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
  const nxdomain = answers.every(
    (answer) => answer.status === 'rejected' && (answer.reason as { code?: string }).code === 'ENOTFOUND',
  );
  if (!nxdomain) return;
  throw new JobRefusal(
    'HOST_NOT_FOUND',
    `The host ${hostname} does not exist (DNS answered NXDOMAIN); ` +
      "check the org's My Domain name and update the connection",
  );
}
