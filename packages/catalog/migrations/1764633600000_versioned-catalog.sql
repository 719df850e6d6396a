-- Up Migration

-- The catalog is stored once per distinct version of each item instead of once per run. A version
-- is valid from the run that first saw it (from_seq) until the run that saw it change or vanish
-- (to_seq, exclusive; NULL while current). A run's catalog, its manifest, is every version valid
-- at its seq, so a run over an unchanged org writes no catalog rows at all.

-- Runs are ordered by seq, which a run takes when it is created; only succeeded runs define a
-- catalog. Existing runs are numbered in creation order.
CREATE SEQUENCE extraction_runs_seq;
ALTER TABLE extraction_runs
  ADD COLUMN seq bigint,
  ADD COLUMN mode text NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'incremental')),
  ADD COLUMN trigger text NOT NULL DEFAULT 'api' CHECK (trigger IN ('api', 'schedule')),
  -- Conditional requests ask Salesforce for what changed since then (NULL: everything is fetched).
  ADD COLUMN modified_since timestamptz,
  -- The org the run crawled: a connection moved to another org must not build on the old org's catalog.
  ADD COLUMN crawled_org_id text,
  -- Set when the run succeeds: the size of its catalog, counted once.
  ADD COLUMN objects_count integer,
  ADD COLUMN fields_count integer;
UPDATE extraction_runs r SET seq = n.seq
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS seq FROM extraction_runs) n
 WHERE n.id = r.id;
SELECT setval('extraction_runs_seq', coalesce((SELECT max(seq) FROM extraction_runs), 0) + 1, false);
ALTER TABLE extraction_runs
  ALTER COLUMN seq SET DEFAULT nextval('extraction_runs_seq'),
  ALTER COLUMN seq SET NOT NULL,
  ADD CONSTRAINT extraction_runs_seq_key UNIQUE (seq);
ALTER SEQUENCE extraction_runs_seq OWNED BY extraction_runs.seq;

-- One hash for the migration and for every later write, computed by the database from jsonb's
-- canonical text, so the same metadata always hashes alike whatever key order Salesforce sent.
CREATE FUNCTION catalog_item_hash(content jsonb, children text[]) RETURNS bytea
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT sha256(convert_to(content::text || coalesce(children::text, ''), 'UTF8')) $$;

-- Any kind of catalog item: 'object' (parent ''), 'field' (parent: its object), and the kinds
-- that come later (reports, dashboards, Apex) with their own parents.
CREATE TABLE catalog_versions (
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  kind text NOT NULL,
  parent text COLLATE "C" NOT NULL DEFAULT '',
  name text COLLATE "C" NOT NULL,
  hash bytea NOT NULL,
  -- As Salesforce sent it; an object's describe without its "fields" array.
  content jsonb NOT NULL,
  -- An object's field names in describe order (part of its hash: a field added is a new version).
  children text[],
  -- What an object's line in a listing shows, so that a page of the list reads no describe.
  summary jsonb,
  from_seq bigint NOT NULL,
  to_seq bigint CHECK (to_seq > from_seq),
  -- One version per item per run: a retried describe replaces its own run's version.
  PRIMARY KEY (connection_id, kind, parent, name, from_seq)
);

-- Describes are large (Account's is ~125 KB): lz4 compresses them several times faster than pglz,
-- where the server has it.
DO $$
BEGIN
  ALTER TABLE catalog_versions ALTER COLUMN content SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'lz4 is not available: describes are compressed with pglz';
END $$;

-- Reads and the writes' comparison with what is stored find an item's versions through the primary
-- key (an item has few); no index of its own for current versions, which every insert would pay for.
-- What a run added (publishing, change history) and what it ended (change history, retention). A
-- seq belongs to one run, so these need no connection: the primary key stays the only index that
-- starts with connection_id, and a lookup by key cannot be planned as a scan of a whole connection
-- through another index (the first crawl's table has no statistics yet to tell them apart).
CREATE INDEX catalog_versions_from_idx ON catalog_versions (from_seq);
CREATE INDEX catalog_versions_to_idx ON catalog_versions (to_seq) WHERE to_seq IS NOT NULL;

-- Retention per connection (NULL: the defaults from SFMETA_RETENTION_RUNS / _DAYS): a run is kept
-- while it is among the last N succeeded runs or younger than D days.
ALTER TABLE connections
  ADD COLUMN retention_runs integer CHECK (retention_runs >= 1),
  ADD COLUMN retention_days integer CHECK (retention_days >= 1);

-- Progress as the run goes, one row per describe job: the objects it accounted for (stored or
-- unchanged) and their fields. Reading progress sums a few dozen rows instead of counting the catalog.
CREATE TABLE run_progress (
  run_id uuid NOT NULL REFERENCES extraction_runs (id) ON DELETE CASCADE,
  job_key text NOT NULL,
  objects text[] NOT NULL DEFAULT '{}',
  fields integer NOT NULL DEFAULT 0,
  -- Objects Salesforce answered 304 Not Modified for, and catalog rows this job wrote.
  unchanged integer NOT NULL DEFAULT 0,
  written integer NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, job_key)
);

-- Existing catalogs move into versions. Consecutive succeeded runs of a connection holding the same
-- content for an item become one version; failed and active runs' partial copies were never served
-- and are not kept (an active run describes its objects again).
WITH succeeded AS (
  SELECT id, connection_id, seq,
         lead(seq) OVER (PARTITION BY connection_id ORDER BY seq) AS next_seq,
         row_number() OVER (PARTITION BY connection_id ORDER BY seq) AS rank
    FROM extraction_runs WHERE status = 'succeeded'
), items AS (
  SELECT s.connection_id, 'object' AS kind, '' AS parent, o.name, o.describe AS content,
         coalesce((SELECT array_agg(f.name ORDER BY f.position) FROM catalog_fields f
                    WHERE f.run_id = o.run_id AND f.object_name = o.name), '{}') AS children,
         s.seq, s.next_seq, s.rank
    FROM catalog_objects o JOIN succeeded s ON s.id = o.run_id
  UNION ALL
  SELECT s.connection_id, 'field', f.object_name, f.name, f.describe, NULL::text[], s.seq, s.next_seq, s.rank
    FROM catalog_fields f JOIN succeeded s ON s.id = f.run_id
), hashed AS (
  SELECT *, catalog_item_hash(content, children) AS hash FROM items
), islands AS (
  SELECT *, rank - row_number() OVER (PARTITION BY connection_id, kind, parent, name, hash ORDER BY rank) AS island
    FROM hashed
)
INSERT INTO catalog_versions (connection_id, kind, parent, name, hash, content, children, from_seq, to_seq)
SELECT connection_id, kind, parent, name, hash,
       (array_agg(content ORDER BY rank))[1], max(children), -- equal within an island: the hash covers both
       min(seq), (array_agg(next_seq ORDER BY rank DESC))[1]
  FROM islands
 GROUP BY connection_id, kind, parent, name, hash, island;
UPDATE catalog_versions SET summary = jsonb_build_object(
    'label', content->'label', 'labelPlural', content->'labelPlural', 'custom', content->'custom',
    'keyPrefix', content->'keyPrefix', 'queryable', content->'queryable',
    'recordTypeCount', coalesce(jsonb_array_length(content->'recordTypeInfos'), 0))
 WHERE kind = 'object';

-- Progress of finished runs as it was counted before; succeeded runs also get their final counts.
INSERT INTO run_progress (run_id, job_key, objects, fields)
SELECT r.id, 'migrated',
       coalesce((SELECT array_agg(o.name ORDER BY o.name) FROM catalog_objects o WHERE o.run_id = r.id), '{}'),
       (SELECT count(*) FROM catalog_fields f WHERE f.run_id = r.id)
  FROM extraction_runs r WHERE r.status IN ('succeeded', 'failed');
UPDATE extraction_runs r SET objects_count = cardinality(p.objects), fields_count = p.fields
  FROM run_progress p WHERE p.run_id = r.id AND r.status = 'succeeded';

DROP TABLE catalog_fields;
DROP TABLE catalog_objects;

-- Down Migration

-- Expanding versions back into one copy per run is not supported: restore the pre-upgrade backup.
DO $$ BEGIN RAISE EXCEPTION 'the versioned catalog cannot be migrated down; restore a backup'; END $$;
