import { Type, type Static } from 'typebox';
import type { Webhook, WebhookDelivery } from '@sfmeta/catalog/webhook-store';
import { WEBHOOK_EVENTS } from '@sfmeta/webhooks/webhook-events';
import { Nullable, Timestamp, iso } from './common.ts';
import { Identifier } from './text.ts';

// An enum rather than a union of literals, so that a wrong value is refused naming the allowed ones.
const Event = Type.Enum([...WEBHOOK_EVENTS]);

/** What a client sends to register a webhook. */
export const CreateWebhookBody = Type.Object(
  {
    url: Identifier({
      maxLength: 2048,
      description: 'An https URL on a public address; called with a signed POST for each event',
    }),
    events: Type.Optional(
      Type.Array(Event, { minItems: 1, uniqueItems: true, description: 'The events to send; all when left out' }),
    ),
  },
  { additionalProperties: false, title: 'CreateWebhook' },
);

/** A webhook as shown to clients: its secret is never listed, so the serializer drops it. */
export const WebhookResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  connectionId: Type.String({ format: 'uuid' }),
  url: Type.String(),
  events: Type.Array(Event),
  createdAt: Timestamp,
});

/** The answer to creating a webhook: the only time its signing secret is shown. */
export const CreatedWebhookResponse = Type.Object(
  {
    ...WebhookResponse.properties,
    secret: Type.String({
      description: 'The signing secret (whsec_...): shown once, keep it to verify Sfmeta-Signature',
    }),
  },
  { title: 'CreatedWebhook' },
);

/** One event sent, or to be sent, to a webhook. */
export const WebhookDeliveryResponse = Type.Object({
  id: Type.String({ format: 'uuid', description: 'Also the Sfmeta-Delivery header and the body id' }),
  event: Event,
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  lastStatus: Nullable(Type.Integer({ description: "The receiver's HTTP status at the latest attempt" })),
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  lastAttemptAt: Nullable(Timestamp),
  deliveredAt: Nullable(Timestamp),
});

/** `:id` (the connection) and `:webhookId`. */
export const WebhookParams = Type.Object({
  id: Identifier({ maxLength: 100 }),
  webhookId: Identifier({ maxLength: 100 }),
});

export function toWebhookResponse(webhook: Webhook): Static<typeof WebhookResponse> {
  return {
    id: webhook.id,
    connectionId: webhook.connectionId,
    url: webhook.url,
    events: webhook.events,
    createdAt: webhook.createdAt.toISOString(),
  };
}

export function toDeliveryResponse(delivery: WebhookDelivery): Static<typeof WebhookDeliveryResponse> {
  return {
    id: delivery.id,
    event: delivery.event,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    lastAttemptAt: iso(delivery.lastAttemptAt),
    deliveredAt: iso(delivery.deliveredAt),
  };
}
