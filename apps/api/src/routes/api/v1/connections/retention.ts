import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../../app-error.ts';
import { ErrorResponse, IdParams, Nullable, commonErrors } from '../../../../schemas/common.ts';

const Setting = Type.Object(
  {
    runs: Nullable(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Keep the last N succeeded runs' })),
    days: Nullable(Type.Integer({ minimum: 1, maximum: 36_500, description: '…and every run younger than D days' })),
  },
  { additionalProperties: false },
);

const RetentionResponse = Type.Object({
  setting: Setting,
  effective: Type.Object({ runs: Type.Integer(), days: Type.Integer() }),
});

/** /api/v1/connections/:id/retention: how long a connection's extractions and their catalogs are kept. */
const retention: FastifyPluginAsyncTypebox = async (app) => {
  const answer = (setting: { runs: number | null; days: number | null }) => ({
    setting,
    effective: {
      runs: setting.runs ?? app.config.retention.runs,
      days: setting.days ?? app.config.retention.days,
    },
  });
  const notFound = (id: string) => new AppError('NOT_FOUND', `connection ${id} does not exist`);

  app.get(
    '/:id/retention',
    {
      schema: {
        operationId: 'getRetention',
        tags: ['connections'],
        summary: "The connection's retention: its own setting (null: the default) and what applies",
        params: IdParams,
        response: { 200: RetentionResponse, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const setting = await app.stores.runs.retentionOf(request.params.id);
      if (!setting) throw notFound(request.params.id);
      return answer(setting);
    },
  );

  app.put(
    '/:id/retention',
    {
      schema: {
        operationId: 'setRetention',
        tags: ['connections'],
        summary:
          'Keep the last `runs` succeeded extractions and every one younger than `days`; older runs and the ' +
          'catalog versions only they used are removed by the hourly retention job. null restores a default',
        params: IdParams,
        body: Setting,
        response: { 200: RetentionResponse, 400: ErrorResponse, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const setting = await app.stores.runs.setRetention(request.params.id, request.body);
      if (!setting) throw notFound(request.params.id);
      return answer(setting);
    },
  );
};

export default retention;
