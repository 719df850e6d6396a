import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

// Deletes the key only while it still holds our token, so a lock that expired and was taken by
// another process is never released by us.
const releaseScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * A lock on one Redis key, held by one process at a time, expiring by itself if the holder dies. Its
 * one script touches that key only, so a Redis Cluster runs it wherever the key lives.
 */
export class RedisLock {
  private token: string | undefined;

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  /** True when this call took the lock. */
  async acquire(): Promise<boolean> {
    const token = randomBytes(16).toString('hex');
    const taken = await this.redis.set(this.key, token, 'PX', this.ttlMs, 'NX');
    if (taken !== 'OK') return false;
    this.token = token;
    return true;
  }

  async release(): Promise<void> {
    if (!this.token) return;
    await this.redis.eval(releaseScript, 1, this.key, this.token);
    this.token = undefined;
  }

  /** True while someone (anyone) holds the lock. */
  async isHeld(): Promise<boolean> {
    return (await this.redis.exists(this.key)) === 1;
  }
}
