import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressKind, isLocalhostName, parseAllowedOrigins } from './address-kind.ts';

/** A webhook URL that may not be called; the message says why and is safe to show to the client. */
export class WebhookUrlError extends Error {
  override readonly name = 'WebhookUrlError';
}

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (`dns.lookup` with `all`, as connections use). */
export type ResolveAll = (hostname: string) => Promise<ResolvedAddress[]>;

/** A webhook URL cleared for a request, with the addresses that were checked. */
export interface ResolvedWebhookUrl {
  url: URL;
  /**
   * The checked addresses of the URL's host: connect to these and nothing else, so that a DNS answer
   * that changes after the check (DNS rebinding) cannot lead to an internal address. Null for an
   * allow-listed origin, which is connected to as it is.
   */
  addresses: ResolvedAddress[] | null;
}

/** Which webhook URLs sfmeta will call; see createWebhookUrlPolicy. */
export interface WebhookUrlPolicy {
  /** Checks the URL as written and returns it normalized; throws WebhookUrlError. */
  parse(input: string): string;
  /** `parse`, then resolves the host: every address must be public. Throws WebhookUrlError. */
  resolve(input: string): Promise<ResolvedWebhookUrl>;
}

const MAX_URL_LENGTH = 2048;

const systemResolve: ResolveAll = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/**
 * Builds the policy: https only, no credentials, no fragment, and no loopback, private, link-local
 * or otherwise non-public address, whether written as a literal or reached through DNS.
 * `allowedOrigins` (SFMETA_WEBHOOK_ALLOWED_ORIGINS) are exact origins admitted as they are, e.g. a
 * local receiver at `http://127.0.0.1:8080` in tests. `resolve` defaults to the system resolver.
 */
export function createWebhookUrlPolicy(
  options: { allowedOrigins?: readonly string[]; resolve?: ResolveAll } = {},
): WebhookUrlPolicy {
  const allowed = parseAllowedOrigins(options.allowedOrigins ?? [], 'allowed webhook origin');
  const resolveAll = options.resolve ?? systemResolve;

  const check = (input: string): { url: URL; allowListed: boolean } => {
    const url = parseUrl(input);
    if (url.username !== '' || url.password !== '') reject('credentials are not allowed in a webhook URL');
    if (allowed.has(url.origin)) return { url, allowListed: true };
    if (url.protocol !== 'https:') reject(`only https is allowed, not ${url.protocol.slice(0, -1)}`);
    if (url.hash !== '') reject('a fragment is not allowed in a webhook URL');
    const hostname = url.hostname;
    if (isLocalhostName(hostname)) reject('localhost is not allowed');
    const kind = addressKind(hostname);
    if (kind) reject(`${hostname} is ${kind}`);
    return { url, allowListed: false };
  };

  return {
    parse: (input) => check(input).url.href,
    resolve: async (input) => {
      const { url, allowListed } = check(input);
      if (allowListed) return { url, addresses: null };
      const hostname = url.hostname.replace(/^\[|\]$/g, '');
      const family = isIP(hostname);
      if (family !== 0) return { url, addresses: [{ address: hostname, family: family === 6 ? 6 : 4 }] };
      let addresses: ResolvedAddress[];
      try {
        addresses = await resolveAll(hostname);
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'no answer';
        throw new WebhookUrlError(`the host ${hostname} could not be resolved (${code})`, { cause: error });
      }
      if (addresses.length === 0) reject(`the host ${hostname} has no address`);
      // Every address must pass: a client may connect to any of them.
      for (const { address } of addresses) {
        const kind = addressKind(address);
        if (kind) reject(`the host ${hostname} resolves to ${address}, ${kind}`);
      }
      return { url, addresses };
    },
  };
}

function parseUrl(input: string): URL {
  const text = input.trim();
  if (text === '') reject('the webhook URL is empty');
  if (text.length > MAX_URL_LENGTH) reject(`the webhook URL is longer than ${MAX_URL_LENGTH} characters`);
  // Whitespace, backslashes (read as "/" by URL parsers) and control characters hide what is called.
  if (/[\s\\\p{Cc}]/u.test(text)) reject('the webhook URL contains whitespace, backslashes or control characters');
  try {
    return new URL(text);
  } catch (error) {
    throw new WebhookUrlError(`"${text}" is not an absolute URL such as https://example.com/hooks/sfmeta`, {
      cause: error,
    });
  }
}

function reject(reason: string): never {
  throw new WebhookUrlError(reason);
}
