-- Up Migration

-- What each connection extracts: object include/exclude globs, companion objects, and switches for the
-- kinds of metadata beyond objects and fields. Keys left out take the defaults (extraction-scope.ts).
ALTER TABLE connections ADD COLUMN scope jsonb NOT NULL DEFAULT '{}';

-- Parts of a run that Salesforce refused (a permission the integration user lacks): the run completes
-- with what it could read, and says here what it skipped and why.
CREATE TABLE run_skipped_parts (
  run_id uuid NOT NULL REFERENCES extraction_runs (id) ON DELETE CASCADE,
  part text NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  PRIMARY KEY (run_id, part)
);

-- The size of a succeeded run's catalog per kind beyond objects and fields (reports, dashboards, ...), and
-- the scope the run read (the connection's when it started): an incremental run trusts only a baseline of the
-- same scope.
ALTER TABLE extraction_runs ADD COLUMN item_counts jsonb, ADD COLUMN scope jsonb;

-- Down Migration

ALTER TABLE extraction_runs DROP COLUMN item_counts, DROP COLUMN scope;
DROP TABLE run_skipped_parts;
ALTER TABLE connections DROP COLUMN scope;
