import { once } from 'node:events';
import fp from 'fastify-plugin';
import { createQueues, type Queues } from '@sfmeta/queue/queues';
import { createProducerRedis, type RedisConnection } from '@sfmeta/queue/redis';

const STARTUP_WAIT_MS = 1000;

declare module 'fastify' {
  interface FastifyInstance {
    queues: Queues;
    /** The producer connection the queues share (a server or a cluster); fails commands at once while Redis is down. */
    redis: RedisConnection;
  }
}

/** Opens the producer Redis connection and the job queues on it. */
export default fp(
  async (app) => {
    const redis = createProducerRedis({ url: app.config.redisUrl, cluster: app.config.redisCluster });
    // ioredis reconnects by itself; an unhandled 'error' event would crash the process,
    // and logging every reconnect attempt would flood the log, so only changes are logged.
    let healthy = true;
    redis.on('error', (error) => {
      if (healthy) app.log.warn({ err: error }, 'redis unavailable, reconnecting');
      healthy = false;
    });
    redis.on('ready', () => {
      if (!healthy) app.log.info('redis reconnected');
      healthy = true;
    });
    const queues = createQueues(redis, app.config.queuePrefix);
    for (const queue of queues.all()) {
      // BullMQ re-emits connection errors on each queue; the listener above already logs them.
      queue.on('error', () => {});
    }
    // A short wait lets the first requests find Redis connected; an outage must not block
    // start-up (`once` rejects on the first connection error, which also ends the wait).
    await Promise.race([
      once(redis, 'ready').catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS).unref()),
    ]);
    // Named, since fastify would infer the union as its first member only.
    app.decorate<RedisConnection>('redis', redis);
    app.decorate('queues', queues);
    app.addHook('onClose', async () => {
      await queues.close();
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    });
  },
  { name: 'queues', dependencies: ['config'] },
);
