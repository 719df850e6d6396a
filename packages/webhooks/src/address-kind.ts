import { BlockList, isIP } from 'node:net';

// Ranges an outbound request must never reach: this machine, its networks, the cloud metadata
// service, and addresses that are not unicast on the internet. Checked in order: first match names it.
const RANGES: [kind: string, family: 'ipv4' | 'ipv6', network: string, prefix: number][] = [
  ['a loopback address', 'ipv4', '127.0.0.0', 8],
  ['an unspecified address', 'ipv4', '0.0.0.0', 8],
  ['a private address', 'ipv4', '10.0.0.0', 8],
  ['a private address', 'ipv4', '172.16.0.0', 12],
  ['a private address', 'ipv4', '192.168.0.0', 16],
  ['a shared (carrier-grade NAT) address', 'ipv4', '100.64.0.0', 10],
  ['a link-local address', 'ipv4', '169.254.0.0', 16],
  ['a reserved address', 'ipv4', '192.0.0.0', 24],
  ['a benchmarking address', 'ipv4', '198.18.0.0', 15],
  ['a multicast address', 'ipv4', '224.0.0.0', 4],
  ['a reserved address', 'ipv4', '240.0.0.0', 4],
  ['a loopback address', 'ipv6', '::1', 128],
  ['an unspecified address', 'ipv6', '::', 128],
  ['an IPv4-mapped address', 'ipv6', '::ffff:0:0', 96],
  ['an IPv4-translated (NAT64) address', 'ipv6', '64:ff9b::', 96],
  ['a link-local address', 'ipv6', 'fe80::', 10],
  ['a private address', 'ipv6', 'fc00::', 7],
  ['a multicast address', 'ipv6', 'ff00::', 8],
];

const lists = RANGES.map(([kind, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { kind, family, list };
});

/**
 * What kind of non-public address `address` is ("a loopback address", "a private address"...), or
 * undefined when it is a public unicast address (or not an IP address at all). Takes IPv6 with or
 * without brackets.
 */
export function addressKind(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const version = isIP(bare);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  return lists.find((entry) => entry.family === family && entry.list.check(bare, family))?.kind;
}

/** True for `localhost` and its subdomains, which resolve to this machine without asking DNS. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * The origins of an allow-list setting (`SFMETA_ALLOWED_HOSTS`, `SFMETA_WEBHOOK_ALLOWED_ORIGINS`):
 * exact origins, scheme and port included, admitted as they are (local test servers).
 */
export function parseAllowedOrigins(origins: readonly string[], what: string): Set<string> {
  return new Set(
    origins.map((origin) => {
      try {
        return new URL(origin).origin;
      } catch (error) {
        throw new Error(`${what} "${origin}" is not an origin such as http://127.0.0.1:4010`, { cause: error });
      }
    }),
  );
}
