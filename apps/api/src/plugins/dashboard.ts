import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import fp from 'fastify-plugin';

const BASE_PATH = '/admin/queues';

/** bull-board at /admin/queues over every queue; the auth plugin guards it like any other route. */
export default fp(
  async (app) => {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BASE_PATH);
    createBullBoard({
      queues: [app.queues.connect, app.queues.extract, app.queues.describe].map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
    });
    await app.register(serverAdapter.registerPlugin(), { prefix: BASE_PATH, basePath: BASE_PATH });
  },
  { name: 'dashboard', dependencies: ['queues', 'auth'] },
);
