import type pg from 'pg';
import type { WebhookEvent } from '@sfmeta/webhooks/webhook-events';
import type { SecretBox } from './secret-box.ts';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

/** A webhook as shown to clients: deliberately without its secret. */
export interface Webhook {
  id: string;
  connectionId: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event sent (or to be sent) to one webhook, with the outcome of its latest attempt. */
export interface WebhookDelivery {
  id: string;
  webhookId: string;
  runId: string | null;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  /** The HTTP status of the latest attempt; null when it got no answer. */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
}

/** What a delivery attempt needs: where to, the secret to sign with, and what to send. */
export interface OutgoingDelivery {
  delivery: WebhookDelivery;
  connectionId: string;
  url: string;
  secret: string;
  /** The body's `data`. */
  payload: unknown;
}

/** The outcome of one attempt. */
export interface DeliveryAttempt {
  delivered: boolean;
  status: number | null;
  error: string | null;
  /** No attempt follows: an undelivered delivery becomes `failed`. */
  final: boolean;
}

// The secret column is never selected here, so a Webhook cannot leak it by accident.
const WEBHOOK_COLUMNS = 'id, connection_id, url, events, created_at';
const DELIVERY_COLUMNS = `d.id, d.webhook_id, d.run_id, d.event, d.status, d.attempts, d.last_status, d.last_error,
  d.created_at, d.last_attempt_at, d.delivered_at`;

interface WebhookRow {
  id: string;
  connection_id: string;
  url: string;
  events: WebhookEvent[];
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  run_id: string | null;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}

const FOREIGN_KEY_VIOLATION = '23503';

/** Webhooks and their deliveries; the signing secret is written and read through the SecretBox. */
export class WebhookStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
  ) {}

  /** Registers a webhook; throws StoreError CONNECTION_NOT_FOUND for an unknown connection. */
  async create(input: {
    connectionId: string;
    url: string;
    events: readonly WebhookEvent[];
    secret: string;
  }): Promise<Webhook> {
    if (!isUuid(input.connectionId)) throw connectionNotFound(input.connectionId);
    try {
      const { rows } = await this.pool.query<WebhookRow>(
        `INSERT INTO webhooks (connection_id, url, secret_enc, events) VALUES ($1, $2, $3, $4)
         RETURNING ${WEBHOOK_COLUMNS}`,
        [input.connectionId, input.url, this.box.seal(input.secret), [...new Set(input.events)]],
      );
      return toWebhook(rows[0] as WebhookRow);
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
        throw connectionNotFound(input.connectionId, error);
      }
      throw error;
    }
  }

  /** A connection's webhooks, oldest first. */
  async list(connectionId: string): Promise<Webhook[]> {
    if (!isUuid(connectionId)) return [];
    const { rows } = await this.pool.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE connection_id = $1 ORDER BY created_at, id`,
      [connectionId],
    );
    return rows.map(toWebhook);
  }

  /** A webhook of that connection; undefined when there is none (or it belongs to another). */
  async get(connectionId: string, webhookId: string): Promise<Webhook | undefined> {
    if (!isUuid(connectionId) || !isUuid(webhookId)) return undefined;
    const { rows } = await this.pool.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1 AND connection_id = $2`,
      [webhookId, connectionId],
    );
    return rows[0] && toWebhook(rows[0]);
  }

  /** Deletes a webhook with its deliveries; false when the connection has no such webhook. */
  async delete(connectionId: string, webhookId: string): Promise<boolean> {
    if (!isUuid(connectionId) || !isUuid(webhookId)) return false;
    const result = await this.pool.query('DELETE FROM webhooks WHERE id = $1 AND connection_id = $2', [
      webhookId,
      connectionId,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  /** The events any webhook of the connection subscribes to. */
  async subscribedEvents(connectionId: string): Promise<Set<WebhookEvent>> {
    const { rows } = await this.pool.query<{ event: WebhookEvent }>(
      'SELECT DISTINCT unnest(events) AS event FROM webhooks WHERE connection_id = $1',
      [connectionId],
    );
    return new Set(rows.map((row) => row.event));
  }

  /**
   * Creates a pending delivery of each event for every webhook of the connection subscribed to it.
   * An event already recorded for a run and webhook is not created twice. Returns the new ids.
   */
  async createDeliveries(
    connectionId: string,
    runId: string,
    events: readonly { event: WebhookEvent; payload: unknown }[],
  ): Promise<string[]> {
    if (events.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (webhook_id, run_id, event, payload)
       SELECT w.id, $2, e.event, e.payload
         FROM webhooks w
         JOIN unnest($3::text[], $4::jsonb[]) AS e(event, payload) ON e.event = ANY (w.events)
        WHERE w.connection_id = $1
        ORDER BY w.created_at, w.id
       ON CONFLICT (webhook_id, run_id, event) DO NOTHING
       RETURNING id`,
      [connectionId, runId, events.map((event) => event.event), events.map((event) => JSON.stringify(event.payload))],
    );
    return rows.map((row) => row.id);
  }

  /** A delivery with its webhook's URL and decrypted secret; undefined when it (or its webhook) is gone. */
  async outgoing(deliveryId: string): Promise<OutgoingDelivery | undefined> {
    if (!isUuid(deliveryId)) return undefined;
    const { rows } = await this.pool.query<
      DeliveryRow & { connection_id: string; url: string; secret_enc: string; payload: unknown }
    >(
      `SELECT ${DELIVERY_COLUMNS}, d.payload, w.connection_id, w.url, w.secret_enc
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      delivery: toDelivery(row),
      connectionId: row.connection_id,
      url: row.url,
      secret: this.box.open(row.secret_enc),
      payload: row.payload,
    };
  }

  /** Records an attempt of a pending delivery; false when it was no longer pending. */
  async recordAttempt(deliveryId: string, attempt: DeliveryAttempt): Promise<boolean> {
    const status: DeliveryStatus = attempt.delivered ? 'delivered' : attempt.final ? 'failed' : 'pending';
    const result = await this.pool.query(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1, last_status = $2, last_error = $3, status = $4, last_attempt_at = now(),
              delivered_at = CASE WHEN $4 = 'delivered' THEN now() END
        WHERE id = $1 AND status = 'pending'`,
      [deliveryId, attempt.status, attempt.error, status],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** A webhook's deliveries, newest first; `before` (a delivery id) pages to older ones. */
  async listDeliveries(webhookId: string, options: { limit: number; before?: string }): Promise<WebhookDelivery[]> {
    if (!isUuid(webhookId) || (options.before !== undefined && !isUuid(options.before))) return [];
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
        WHERE d.webhook_id = $1
          AND ($2::uuid IS NULL OR (d.created_at, d.id) <
               (SELECT b.created_at, b.id FROM webhook_deliveries b WHERE b.id = $2 AND b.webhook_id = $1))
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT $3`,
      [webhookId, options.before ?? null, options.limit],
    );
    return rows.map(toDelivery);
  }

  /** Ids of deliveries still pending that were created before `before`, oldest first. */
  async pendingCreatedBefore(before: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM webhook_deliveries WHERE status = 'pending' AND created_at < $1 ORDER BY created_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.id);
  }
}

function connectionNotFound(id: string, cause?: unknown): StoreError {
  return new StoreError('CONNECTION_NOT_FOUND', `connection ${id} does not exist`, { cause });
}

function toWebhook(row: WebhookRow): Webhook {
  return { id: row.id, connectionId: row.connection_id, url: row.url, events: row.events, createdAt: row.created_at };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    runId: row.run_id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
  };
}
