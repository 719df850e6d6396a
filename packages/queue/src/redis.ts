import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { clusterSeeds, singleServerUrl } from './redis-cluster-seeds.ts';

/** A connection to one Redis server or to a Redis Cluster: BullMQ and sfmeta's own keys work on either. */
export type RedisConnection = Redis | Cluster;

/** Where Redis is, as configured: REDIS_URL, and whether it names the nodes of a Redis Cluster. */
export interface RedisTarget {
  url: string;
  cluster: boolean;
}

const retryStrategy = (times: number) => Math.min(times * 200, 2000);

/**
 * Redis for producers (the API): commands fail at once while Redis is unreachable instead of
 * queueing up, so a request answers 503 quickly rather than hanging. On a cluster, `options` hold
 * for each node connection.
 */
export function createProducerRedis(url: string, options?: RedisOptions): Redis;
export function createProducerRedis(target: RedisTarget, options?: RedisOptions): RedisConnection;
export function createProducerRedis(target: string | RedisTarget, options: RedisOptions = {}): RedisConnection {
  const { url, cluster } = typeof target === 'string' ? { url: target, cluster: false } : target;
  const perCommand = { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 2000 };
  if (!cluster) {
    return new Redis(singleServerUrl(url), { enableOfflineQueue: false, ...perCommand, retryStrategy, ...options });
  }
  const seeds = clusterSeeds(url);
  return new Cluster(seeds.nodes, {
    enableOfflineQueue: false,
    clusterRetryStrategy: retryStrategy,
    slotsRefreshTimeout: 2000,
    redisOptions: { ...seeds.redisOptions, ...perCommand, ...options },
  });
}

/** Redis for BullMQ workers: blocking commands must never time out or give up. */
export function createWorkerRedis(url: string, options?: RedisOptions): Redis;
export function createWorkerRedis(target: RedisTarget, options?: RedisOptions): RedisConnection;
export function createWorkerRedis(target: string | RedisTarget, options: RedisOptions = {}): RedisConnection {
  const { url, cluster } = typeof target === 'string' ? { url: target, cluster: false } : target;
  if (!cluster) return new Redis(singleServerUrl(url), { maxRetriesPerRequest: null, ...options });
  const seeds = clusterSeeds(url);
  // BullMQ reads maxRetriesPerRequest from the node options of a cluster, and refuses a worker without null.
  return new Cluster(seeds.nodes, { redisOptions: { ...seeds.redisOptions, maxRetriesPerRequest: null, ...options } });
}
