import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** A BullMQ prefix of its own for one test file. */
export function createTestPrefix(): string {
  return `sfmeta-test-${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under `prefix`. */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
