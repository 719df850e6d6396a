-- Up Migration

-- What a run must contain before it may succeed: the names describeGlobal listed. Finalizing
-- compares them with what was stored, so a describe job that vanished (removed from the
-- dashboard, lost with Redis) can never publish a partial catalog as complete.
ALTER TABLE extraction_runs ADD COLUMN listed_objects text[];

-- Objects listed by describeGlobal whose describe then answered NOT_FOUND: deleted from the org
-- mid-crawl. They count as accounted for, with the reason kept for the run's answer.
CREATE TABLE run_vanished_objects (
  run_id uuid NOT NULL REFERENCES extraction_runs (id) ON DELETE CASCADE,
  name text NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (run_id, name)
);

-- The run watchdog looks for active runs whose jobs are gone.
CREATE INDEX extraction_runs_active_idx ON extraction_runs (created_at) WHERE status IN ('queued', 'running');

-- Down Migration

DROP INDEX extraction_runs_active_idx;
DROP TABLE run_vanished_objects;
ALTER TABLE extraction_runs DROP COLUMN listed_objects;
