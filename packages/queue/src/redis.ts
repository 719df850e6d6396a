import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis for producers (the API): commands fail at once while Redis is unreachable instead of
 * queueing up, so a request answers 503 quickly rather than hanging.
 */
export function createProducerRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...options,
  });
}

/** Redis for BullMQ workers: blocking commands must never time out or give up. */
export function createWorkerRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}
