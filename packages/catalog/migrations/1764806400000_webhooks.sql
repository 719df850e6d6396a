-- Up Migration

-- HTTPS endpoints told about a connection's extractions. The signing secret is a SecretBox
-- envelope like every *_enc column; it is shown to the client once, when the webhook is created.
CREATE TABLE webhooks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  url text NOT NULL,
  secret_enc text NOT NULL,
  events text[] NOT NULL CHECK (
    cardinality(events) > 0
    AND events <@ ARRAY['extraction.succeeded', 'extraction.failed', 'catalog.changed']::text[]
  ),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhooks_connection_idx ON webhooks (connection_id, created_at);

-- One row per event and webhook; each attempt updates it (attempts, last_status, last_error), so
-- the history survives Redis. payload is the body's `data`.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  -- The run the event is about: with the event, it makes announcing a run's outcome twice harmless.
  run_id uuid REFERENCES extraction_runs (id) ON DELETE CASCADE,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  UNIQUE (webhook_id, run_id, event)
);

-- A webhook's history, newest first.
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
-- Workers re-queue pending deliveries whose job was lost.
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (created_at) WHERE status = 'pending';
-- Deleting a run (through its connection) finds its deliveries.
CREATE INDEX webhook_deliveries_run_idx ON webhook_deliveries (run_id);

-- Down Migration

DROP TABLE webhook_deliveries;
DROP TABLE webhooks;
