-- Up Migration

-- gen_random_uuid() is built in from PostgreSQL 13, so no pgcrypto extension is needed.

CREATE TABLE connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  host text NOT NULL,
  auth_type text NOT NULL CHECK (auth_type IN ('password', 'oauth')),
  consumer_key text NOT NULL,
  username text,
  -- Every *_enc column holds a SecretBox envelope (v1.<keyId>.<iv>.<tag>.<ciphertext>), never clear text.
  consumer_secret_enc text NOT NULL,
  password_enc text,
  security_token_enc text,
  access_token_enc text,
  refresh_token_enc text,
  instance_url text,
  org_id text,
  user_id text,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'connected', 'failed', 'awaiting_authorization', 'needs_reauth')),
  status_code text,
  status_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  connected_at timestamptz,
  -- The password flow cannot log in without these; OAuth connections get their tokens later.
  CONSTRAINT connections_password_credentials
    CHECK (auth_type <> 'password' OR (username IS NOT NULL AND password_enc IS NOT NULL))
);

CREATE INDEX connections_created_at_idx ON connections (created_at DESC);

CREATE TABLE extraction_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  objects_total integer CHECK (objects_total >= 0),
  api_calls integer NOT NULL DEFAULT 0 CHECK (api_calls >= 0),
  error_code text,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);

-- At most one active run per connection, enforced here so that concurrent requests cannot race past it.
CREATE UNIQUE INDEX extraction_runs_one_active_idx
  ON extraction_runs (connection_id) WHERE status IN ('queued', 'running');

CREATE INDEX extraction_runs_connection_idx ON extraction_runs (connection_id, created_at DESC);

CREATE INDEX extraction_runs_succeeded_idx
  ON extraction_runs (connection_id, finished_at DESC) WHERE status = 'succeeded';

CREATE TABLE catalog_objects (
  run_id uuid NOT NULL REFERENCES extraction_runs (id) ON DELETE CASCADE,
  name text NOT NULL,
  label text NOT NULL,
  label_plural text NOT NULL,
  custom boolean NOT NULL,
  custom_setting boolean NOT NULL,
  key_prefix text,
  queryable boolean NOT NULL,
  createable boolean NOT NULL,
  updateable boolean NOT NULL,
  deletable boolean NOT NULL,
  searchable boolean NOT NULL,
  record_type_infos jsonb NOT NULL DEFAULT '[]',
  child_relationships jsonb NOT NULL DEFAULT '[]',
  -- The raw describe without its "fields" array: each field's raw JSON lives in catalog_fields.describe.
  describe jsonb NOT NULL,
  PRIMARY KEY (run_id, name)
);

CREATE TABLE catalog_fields (
  run_id uuid NOT NULL,
  object_name text NOT NULL,
  name text NOT NULL,
  -- Position in the describe's fields array, so fields come back in Salesforce's order.
  position integer NOT NULL,
  label text NOT NULL,
  type text NOT NULL,
  soap_type text NOT NULL,
  length integer NOT NULL,
  precision integer NOT NULL,
  scale integer NOT NULL,
  digits integer NOT NULL,
  byte_length integer NOT NULL,
  nillable boolean NOT NULL,
  "unique" boolean NOT NULL,
  external_id boolean NOT NULL,
  id_lookup boolean NOT NULL,
  calculated boolean NOT NULL,
  calculated_formula text,
  -- Typed as Salesforce sends it (false for a checkbox, a string for a picklist); SQL NULL when null.
  default_value jsonb,
  default_value_formula text,
  inline_help_text text,
  reference_to text[] NOT NULL DEFAULT '{}',
  relationship_name text,
  relationship_order integer,
  cascade_delete boolean NOT NULL,
  picklist_values jsonb NOT NULL DEFAULT '[]',
  controller_name text,
  dependent_picklist boolean NOT NULL,
  restricted_picklist boolean NOT NULL,
  auto_number boolean NOT NULL,
  compound_field_name text,
  encrypted boolean NOT NULL,
  custom boolean NOT NULL,
  deprecated_and_hidden boolean NOT NULL,
  describe jsonb NOT NULL,
  PRIMARY KEY (run_id, object_name, name),
  FOREIGN KEY (run_id, object_name) REFERENCES catalog_objects (run_id, name) ON DELETE CASCADE
);

-- Down Migration

DROP TABLE catalog_fields;
DROP TABLE catalog_objects;
DROP TABLE extraction_runs;
DROP TABLE connections;
