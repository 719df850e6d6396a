import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';

/** A BullMQ prefix of its own for one test file: a hash tag, as sfmeta's configuration makes every prefix. */
export function createTestPrefix(): string {
  return `{sfmeta-test-${randomBytes(6).toString('hex')}}`;
}

/** `prefix:*` as a SCAN pattern: braces are literal in Redis globs, and anything that is not is escaped. */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\^]/g, '\\$&')}:*`;
}

/**
 * Deletes every key under `prefix`, on one server or on every master of a Redis Cluster (found by
 * asking the server behind `redisUrl`; a list of cluster nodes is read from its first).
 */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const [firstUrl = redisUrl] = redisUrl.split(/,(?=\s*rediss?:\/\/)/);
  const redis = new Redis(firstUrl.trim(), { maxRetriesPerRequest: 1 });
  try {
    if (!(await isClusterNode(redis))) return await deleteKeys(redis, prefix);
    const { host, port } = redis.options;
    const cluster = new Cluster([{ host, port }], { redisOptions: { maxRetriesPerRequest: 1 } });
    try {
      // Every key of a hash-tagged prefix lives on one master; an untagged one may spread over all.
      await new Promise<void>((resolve, reject) => {
        cluster.once('ready', resolve);
        cluster.once('error', reject);
      });
      await Promise.all(cluster.nodes('master').map((node) => deleteKeys(node, prefix)));
    } finally {
      cluster.disconnect();
    }
  } finally {
    redis.disconnect();
  }
}

async function isClusterNode(redis: Redis): Promise<boolean> {
  return /^cluster_enabled:1/m.test(await redis.info('cluster'));
}

/** Deletes the keys under `prefix` that this one server holds, one by one (they may lie in several slots). */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', prefixPattern(prefix), 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.pipeline(keys.map((key) => ['unlink', key])).exec();
  } while (cursor !== '0');
}
