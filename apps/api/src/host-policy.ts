import { addressKind, isLocalhostName, parseAllowedOrigins } from '@sfmeta/webhooks/address-kind';
import { AppError } from './app-error.ts';

/** Turns a user-supplied Salesforce host into the origin to log in at; throws AppError HOST_NOT_ALLOWED. */
export type HostPolicy = (input: string) => string;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const PARTITIONS = ['develop', 'demo', 'free', 'trailblaze', 'patch', 'scratch'];

// Enhanced My Domain hosts (Salesforce Help: "My Domain URL Formats"); NAME is one DNS label.
const SALESFORCE_HOSTS = [
  /^(login|test)\.salesforce\.com$/,
  new RegExp(`^${LABEL}\\.my\\.salesforce\\.com$`),
  new RegExp(`^${LABEL}--${LABEL}\\.sandbox\\.my\\.salesforce\\.com$`),
  new RegExp(`^${LABEL}\\.(${PARTITIONS.join('|')})\\.my\\.salesforce\\.com$`),
  new RegExp(`^${LABEL}\\.my\\.site\\.com$`),
];

const EXPECTED =
  'expected login.salesforce.com, test.salesforce.com or a My Domain host such as NAME.my.salesforce.com';

/**
 * Builds the policy. `allowedOrigins` (SFMETA_ALLOWED_HOSTS) are exact origins admitted as they
 * are, scheme and port included, e.g. a local simulator at `http://127.0.0.1:4010`.
 */
export function createHostPolicy(allowedOrigins: readonly string[] = []): HostPolicy {
  const allowed = parseAllowedOrigins(allowedOrigins, 'allowed host');
  return (input) => {
    const url = parse(input);
    if (allowed.has(url.origin)) return url.origin;
    if (url.protocol !== 'https:') reject(`only https is allowed, not ${url.protocol.slice(0, -1)}`);
    if (url.port !== '') reject('a port other than 443 is not allowed');
    checkHostname(url.hostname);
    return url.origin;
  };
}

function parse(input: string): URL {
  const text = input.trim();
  if (text === '') reject('host is empty');
  if (/[?#]/.test(text)) reject('a query or fragment is not allowed, give the origin only');
  // Nothing an origin needs lies outside these characters; this also rules out whitespace,
  // backslashes (read as "/" by URL parsers) and percent-encoding tricks.
  if (!/^[A-Za-z0-9.:/[\]@-]+$/.test(text)) reject('host contains characters that an origin cannot have');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch (error) {
    throw new AppError('HOST_NOT_ALLOWED', `"${text}" is not a host name or an https origin`, { cause: error });
  }
  if (url.username !== '' || url.password !== '' || text.includes('@'))
    reject('credentials are not allowed in the host');
  if (url.pathname !== '/' && url.pathname !== '') reject('a path is not allowed, give the origin only');
  return url;
}

function checkHostname(hostname: string): void {
  // The URL parser has already turned decimal, hex and octal IPv4 forms into dotted quads.
  if (hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname)) {
    reject(`IP addresses are not allowed (${hostname} is ${addressKind(hostname) ?? 'a literal address'})`);
  }
  if (isLocalhostName(hostname)) reject('localhost is not allowed');
  if (hostname.endsWith('.')) reject(`"${hostname}" ends with a dot; ${EXPECTED}`);
  if (hostname.endsWith('.lightning.force.com')) {
    reject(`${hostname} is a Lightning UI host; use the My Domain host (NAME.my.salesforce.com) instead`);
  }
  if (hostname.length > 253 || !SALESFORCE_HOSTS.some((pattern) => pattern.test(hostname))) {
    reject(`${hostname} is not a Salesforce login host; ${EXPECTED}`);
  }
}

function reject(reason: string): never {
  throw new AppError('HOST_NOT_ALLOWED', reason);
}
