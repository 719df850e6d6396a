-- Up Migration

-- Each run's record counts (Salesforce's approximate /limits/recordCount), one row per run: counts
-- change every day, so they are not catalog versions. Objects Salesforce left out have no key.
CREATE TABLE run_record_counts (
  run_id uuid PRIMARY KEY REFERENCES extraction_runs (id) ON DELETE CASCADE,
  counts jsonb NOT NULL
);

-- Down Migration

DROP TABLE run_record_counts;
