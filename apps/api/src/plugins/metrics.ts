import fp from 'fastify-plugin';
import { createMetrics, type Metrics } from '@sfmeta/metrics/metrics';
import { jobCatalogue, jobKinds } from '@sfmeta/queue/job-catalogue';
import { withTimeout } from '../with-timeout.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

const QUEUE_COUNT_TIMEOUT_MS = 1000;

/** The process's metrics registry and `GET /metrics` in the Prometheus text format. */
export default fp(
  async (app) => {
    const metrics = createMetrics();
    app.decorate('metrics', metrics);

    /** Reads the queue sizes at scrape time; while Redis is down they are left out rather than waited for. */
    const refreshQueueJobs = async () => {
      metrics.queueJobs.reset();
      if (app.redis.status !== 'ready') return;
      await Promise.all(
        jobKinds.map(async (kind) => {
          const queue = jobCatalogue[kind].queue;
          try {
            const counts = await withTimeout(app.queues[kind].getJobCounts(), QUEUE_COUNT_TIMEOUT_MS, 'queue counts');
            for (const [state, count] of Object.entries(counts)) metrics.queueJobs.set({ queue, state }, count);
          } catch (error) {
            app.log.warn({ err: error, queue }, 'could not read queue counts');
          }
        }),
      );
    };

    // Route patterns, not URLs, as labels: ids would make the series unbounded.
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
      metrics.httpRequestDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      await refreshQueueJobs();
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  },
  { name: 'metrics', dependencies: ['queues'] },
);
