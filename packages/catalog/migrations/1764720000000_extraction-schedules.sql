-- Up Migration

-- A connection's extraction schedule. Redis (a BullMQ job scheduler per connection) decides when
-- it ticks; this row keeps what the client asked for and what the ticks did, so that the counts
-- survive Redis and any number of workers count each tick once.
CREATE TABLE connection_schedules (
  connection_id uuid PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
  cron text,
  timezone text,
  every_ms bigint CHECK (every_ms > 0),
  -- Every full_every-th run the schedule starts is a full re-crawl; 1: always full.
  full_every integer NOT NULL DEFAULT 7 CHECK (full_every >= 1),
  ticks integer NOT NULL DEFAULT 0 CHECK (ticks >= 0),
  runs_started integer NOT NULL DEFAULT 0 CHECK (runs_started >= 0),
  ticks_skipped integer NOT NULL DEFAULT 0 CHECK (ticks_skipped >= 0),
  last_skip_reason text,
  last_run_id uuid,
  last_tick_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A cron pattern in a time zone, or a fixed interval: exactly one of the two.
  CONSTRAINT connection_schedules_cadence CHECK (
    (cron IS NOT NULL AND timezone IS NOT NULL AND every_ms IS NULL)
    OR (cron IS NULL AND timezone IS NULL AND every_ms IS NOT NULL)
  )
);

-- Down Migration

DROP TABLE connection_schedules;
