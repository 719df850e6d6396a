import type { RedisOptions } from 'ioredis';

// A comma that starts another node's URL: a password may hold a comma of its own.
const NEXT_NODE = /,(?=\s*rediss?:\/\/)/;

/** Where a Redis Cluster client starts: some of the cluster's nodes, and the options of every node connection. */
export interface ClusterSeeds {
  nodes: { host: string; port: number }[];
  redisOptions: RedisOptions;
}

/** REDIS_URL does not name Redis the way the configuration says (one server, or cluster nodes). */
export class RedisUrlError extends Error {
  override readonly name = 'RedisUrlError';
}

/**
 * Reads `redis[s]://[user:password@]host[:port][,redis[s]://host[:port]…]`: any one node is enough, the
 * client learns the others from it, and a few let it start while one is down. Credentials and TLS
 * (`rediss:`) hold for every node: a cluster has one set of users, and the nodes it announces come
 * without any. A cluster has database 0 only, so a URL naming another one is refused.
 */
export function clusterSeeds(url: string): ClusterSeeds {
  const urls = url
    .split(NEXT_NODE)
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map(parseNodeUrl);
  const [first] = urls;
  if (!first) throw new RedisUrlError('REDIS_URL names no Redis Cluster node');
  const redisOptions: RedisOptions = {};
  if (first.username) redisOptions.username = decodeURIComponent(first.username);
  if (first.password) redisOptions.password = decodeURIComponent(first.password);
  if (first.protocol === 'rediss:') redisOptions.tls = {};
  return { nodes: urls.map((node) => ({ host: node.hostname, port: Number(node.port || 6379) })), redisOptions };
}

/** The URL of one server; a list of several is refused, since only a cluster is reached through several. */
export function singleServerUrl(url: string): string {
  if (NEXT_NODE.test(url)) {
    throw new RedisUrlError('REDIS_URL names several nodes: set SFMETA_REDIS_CLUSTER=true for a Redis Cluster');
  }
  return url;
}

function parseNodeUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RedisUrlError(`REDIS_URL has a node that is not a URL: ${redactedUrl(text)}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new RedisUrlError(`REDIS_URL has a node that is not redis:// or rediss://: ${redactedUrl(text)}`);
  }
  if (!url.hostname) throw new RedisUrlError(`REDIS_URL has a node without a host: ${redactedUrl(text)}`);
  if (url.pathname !== '' && url.pathname !== '/' && url.pathname !== '/0') {
    throw new RedisUrlError(`a Redis Cluster has database 0 only, REDIS_URL names ${url.pathname.slice(1)}`);
  }
  return url;
}

/** The URL without its password, for error messages. */
function redactedUrl(text: string): string {
  return text.replace(/\/\/([^@/]*):[^@/]*@/, '//$1:***@');
}
