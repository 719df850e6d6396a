import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { WEBHOOK_EVENTS } from '@sfmeta/webhooks/webhook-events';
import { generateWebhookSecret } from '@sfmeta/webhooks/webhook-signature';
import { WebhookUrlError, createWebhookUrlPolicy } from '@sfmeta/webhooks/webhook-url-policy';
import { AppError } from '../../../../app-error.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import {
  CreateWebhookBody,
  CreatedWebhookResponse,
  WebhookDeliveryResponse,
  WebhookParams,
  WebhookResponse,
  toDeliveryResponse,
  toWebhookResponse,
} from '../../../../schemas/webhook.ts';

const tags = ['webhooks'];
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** /api/v1/connections/:id/webhooks: HTTPS endpoints told about a connection's extractions. */
const webhooks: FastifyPluginAsyncTypebox = async (app) => {
  const urlPolicy = createWebhookUrlPolicy({ allowedOrigins: app.config.webhooks.allowedOrigins });
  const assertConnection = async (id: string) => {
    if (!(await app.stores.connections.get(id))) throw new AppError('NOT_FOUND', `connection ${id} does not exist`);
  };
  const findWebhook = async (id: string, webhookId: string) => {
    await assertConnection(id);
    const webhook = await app.stores.webhooks.get(id, webhookId);
    if (!webhook) throw new AppError('NOT_FOUND', `webhook ${webhookId} of connection ${id} does not exist`);
    return webhook;
  };

  app.post(
    '/:id/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Register a webhook; the answer shows its signing secret, once',
        params: IdParams,
        body: CreateWebhookBody,
        response: { 201: CreatedWebhookResponse, 400: ErrorResponse, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await assertConnection(id);
      let url: string;
      try {
        // Checked as written and as resolved now; the worker checks again before every delivery.
        url = (await urlPolicy.resolve(request.body.url)).url.href;
      } catch (error) {
        if (!(error instanceof WebhookUrlError)) throw error;
        throw new AppError('WEBHOOK_URL_NOT_ALLOWED', error.message, { cause: error });
      }
      const secret = generateWebhookSecret();
      const webhook = await app.stores.webhooks.create({
        connectionId: id,
        url,
        events: request.body.events ?? WEBHOOK_EVENTS,
        secret,
      });
      reply.header('location', `/api/v1/connections/${id}/webhooks/${webhook.id}`);
      return reply.code(201).send({ ...toWebhookResponse(webhook), secret });
    },
  );

  app.get(
    '/:id/webhooks',
    {
      schema: {
        operationId: 'listWebhooks',
        tags,
        summary: "List a connection's webhooks, oldest first (without their secrets)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(WebhookResponse) }), 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      await assertConnection(request.params.id);
      return { items: (await app.stores.webhooks.list(request.params.id)).map(toWebhookResponse) };
    },
  );

  app.delete(
    '/:id/webhooks/:webhookId',
    {
      schema: {
        operationId: 'deleteWebhook',
        tags,
        summary: 'Delete a webhook with its delivery history; pending deliveries are not sent',
        params: WebhookParams,
        response: { 204: Type.Null(), 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { id, webhookId } = request.params;
      if (!(await app.stores.webhooks.delete(id, webhookId))) await findWebhook(id, webhookId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/:id/webhooks/:webhookId/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: "A webhook's deliveries, newest first",
        params: WebhookParams,
        // Types are not coerced anywhere (a wrong type is a 400), so the number is matched as text.
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: '1 to 100, default 20' })),
            before: Type.Optional(
              Type.String({ pattern: UUID, description: 'The id of the last delivery of the previous page' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(WebhookDeliveryResponse) }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { id, webhookId } = request.params;
      await findWebhook(id, webhookId);
      const { limit, before } = request.query;
      const deliveries = await app.stores.webhooks.listDeliveries(webhookId, {
        limit: Number(limit ?? 20),
        ...(before === undefined ? {} : { before }),
      });
      return { items: deliveries.map(toDeliveryResponse) };
    },
  );
};

export default webhooks;
