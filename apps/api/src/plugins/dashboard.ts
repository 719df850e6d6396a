import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter.js';
import { FastifyAdapter } from '@bull-board/fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { Identifier } from '../schemas/text.ts';
import { sendError } from './error-handler.ts';

const BASE_PATH = '/admin/queues';

// What bull-board's "add job" form sends; bull-board hands it to BullMQ unchecked.
const AddJobBody = Type.Object(
  {
    name: Identifier({ maxLength: 200 }),
    data: Type.Optional(Type.Unknown()),
    options: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: true },
);

/** bull-board at /admin/queues over every queue; the auth plugin guards it like any other route. */
export default fp(
  async (app) => {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BASE_PATH);
    createBullBoard({
      queues: app.queues.all().map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
    });
    // A scope of its own, so that these hooks change bull-board's routes only.
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        // bull-board's handler answers every error as a 500 with its message, Redis internals included.
        route.errorHandler = sendError;
        // Without a name, the job failed inside Redis: a 500 for what is a bad request.
        if (route.url?.endsWith('/:queueName/add')) route.schema = { ...route.schema, body: AddJobBody };
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: BASE_PATH, basePath: BASE_PATH });
    });
  },
  { name: 'dashboard', dependencies: ['queues', 'auth'] },
);
