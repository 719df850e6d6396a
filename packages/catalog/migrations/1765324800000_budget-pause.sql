-- Up Migration

-- A run whose org's daily API budget is spent waits instead of failing: 'waiting_for_api_budget'
-- until resume_at, when its jobs (delayed in BullMQ until then) check the budget again. It stays an
-- active run (one per connection, watched for lost jobs), and it fails once it could not finish by
-- deadline_at, which its first wait fixes.
ALTER TABLE extraction_runs DROP CONSTRAINT extraction_runs_status_check;
ALTER TABLE extraction_runs ADD CONSTRAINT extraction_runs_status_check
  CHECK (status IN ('queued', 'running', 'waiting_for_api_budget', 'succeeded', 'failed'));
ALTER TABLE extraction_runs ADD COLUMN resume_at timestamptz, ADD COLUMN deadline_at timestamptz;

DROP INDEX extraction_runs_one_active_idx;
CREATE UNIQUE INDEX extraction_runs_one_active_idx
  ON extraction_runs (connection_id) WHERE status IN ('queued', 'running', 'waiting_for_api_budget');

DROP INDEX extraction_runs_active_idx;
CREATE INDEX extraction_runs_active_idx
  ON extraction_runs (created_at) WHERE status IN ('queued', 'running', 'waiting_for_api_budget');

-- Down Migration

UPDATE extraction_runs SET status = 'running' WHERE status = 'waiting_for_api_budget';
DROP INDEX extraction_runs_active_idx;
CREATE INDEX extraction_runs_active_idx ON extraction_runs (created_at) WHERE status IN ('queued', 'running');
DROP INDEX extraction_runs_one_active_idx;
CREATE UNIQUE INDEX extraction_runs_one_active_idx
  ON extraction_runs (connection_id) WHERE status IN ('queued', 'running');
ALTER TABLE extraction_runs DROP COLUMN deadline_at, DROP COLUMN resume_at;
ALTER TABLE extraction_runs DROP CONSTRAINT extraction_runs_status_check;
ALTER TABLE extraction_runs ADD CONSTRAINT extraction_runs_status_check
  CHECK (status IN ('queued', 'running', 'succeeded', 'failed'));
