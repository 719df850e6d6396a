import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withTimeout } from '../with-timeout.ts';

const CHECK_TIMEOUT_MS = 1000;
const Check = Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]);
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  checks: Type.Object({ database: Check, redis: Check }),
});

/** GET /readyz: PostgreSQL and Redis both answer within a second (readiness). */
const readyz: FastifyPluginAsyncTypebox = async (app) => {
  const check = async (work: () => Promise<unknown>) => {
    try {
      await withTimeout(work(), CHECK_TIMEOUT_MS, 'readiness check');
      return 'ok' as const;
    } catch {
      return 'unavailable' as const;
    }
  };

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'checkReadiness',
        tags: ['health'],
        summary: 'Readiness: PostgreSQL and Redis answer',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [database, redis] = await Promise.all([
        check(() => app.database.query('select 1')),
        check(async () => {
          if (app.redis.status !== 'ready') throw new Error(`redis is ${app.redis.status}`);
          await app.redis.ping();
        }),
      ]);
      const ok = database === 'ok' && redis === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks: { database, redis } });
    },
  );
};

export default readyz;
