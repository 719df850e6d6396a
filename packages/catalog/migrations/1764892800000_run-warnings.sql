-- Up Migration

-- What a run found odd in what Salesforce sent (a number as a string, a key missing, an unknown
-- field type): the describe is stored as sent all the same, and the run says what was odd.
CREATE TABLE run_warnings (
  run_id uuid NOT NULL REFERENCES extraction_runs (id) ON DELETE CASCADE,
  object text COLLATE "C" NOT NULL,
  -- '' for an attribute of the object itself.
  field text COLLATE "C" NOT NULL DEFAULT '',
  attribute text COLLATE "C" NOT NULL,
  problem text NOT NULL,
  -- A describe stored twice in a run (a retried batch) warns once.
  PRIMARY KEY (run_id, object, field, attribute)
);

-- Down Migration

DROP TABLE run_warnings;
