import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../../app-error.ts';
import { deleteSchedule, putSchedule, readSchedule } from '../../../../schedule-lifecycle.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import { PutScheduleBody, ScheduleResponse, toScheduleResponse } from '../../../../schemas/schedule.ts';

const tags = ['schedules'];
const DEFAULT_FULL_EVERY = 7;

/** /api/v1/connections/:id/schedule: extract a connection's catalog on a cron pattern or an interval. */
const schedule: FastifyPluginAsyncTypebox = async (app) => {
  /** 404 for an unknown connection, or for a known one without a schedule. */
  const noSchedule = async (id: string) =>
    new AppError(
      'NOT_FOUND',
      (await app.stores.connections.get(id)) ? `connection ${id} has no schedule` : `connection ${id} does not exist`,
    );

  app.put(
    '/:id/schedule',
    {
      schema: {
        operationId: 'setSchedule',
        tags,
        summary: 'Create or replace the extraction schedule of a connection',
        params: IdParams,
        body: PutScheduleBody,
        response: { 200: ScheduleResponse, 400: ErrorResponse, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const { body } = request;
      const cadence =
        'cron' in body
          ? { cron: body.cron, timezone: body.timezone ?? 'UTC' }
          : { everyMs: Math.round(body.everyMinutes * 60_000) };
      const state = await putSchedule(
        app,
        request.params.id,
        { cadence, fullEvery: body.fullEvery ?? DEFAULT_FULL_EVERY },
        request.log,
      );
      return toScheduleResponse(state.schedule, state.nextRunAt);
    },
  );

  app.get(
    '/:id/schedule',
    {
      schema: {
        operationId: 'getSchedule',
        tags,
        summary: 'Show the extraction schedule of a connection, its next tick and what its ticks did',
        params: IdParams,
        response: { 200: ScheduleResponse, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const state = await readSchedule(app, request.params.id);
      if (!state) throw await noSchedule(request.params.id);
      return toScheduleResponse(state.schedule, state.nextRunAt);
    },
  );

  app.delete(
    '/:id/schedule',
    {
      schema: {
        operationId: 'deleteSchedule',
        tags,
        summary: 'Remove the extraction schedule of a connection',
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      if (!(await deleteSchedule(app, request.params.id))) throw await noSchedule(request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default schedule;
