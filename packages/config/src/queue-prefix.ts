/**
 * A queue prefix as given: a name (`acme`) or a name in braces (`{acme}`), letters, digits, `_` and `-`.
 * Nothing else, so that the prefix is never a glob pattern (`SCAN MATCH prefix:*` finds exactly its keys).
 */
export const QUEUE_PREFIX_PATTERN = '^([A-Za-z0-9_-]+|\\{[A-Za-z0-9_-]+\\})$';

/**
 * The prefix as a Redis Cluster hash tag: `acme` becomes `{acme}`, `{acme}` stays as it is.
 *
 * Redis Cluster places a key by the part between its first `{` and `}`, so every key under a
 * hash-tagged prefix lives in one slot. BullMQ needs that: its scripts touch several keys at once, and
 * a flow spans queues (an `extract` parent, `describe` and `collect` children). The prefix is wrapped
 * rather than refused, so a configuration that names its own prefix keeps working, on one Redis or
 * on a cluster alike; its keys move from `acme:` to `{acme}:`, as the default's move from `sfmeta:`.
 */
export function hashTaggedPrefix(prefix: string): string {
  return prefix.startsWith('{') ? prefix : `{${prefix}}`;
}
