-- Up Migration

-- The most requests sfmeta sends to the connection's org at once, across every worker; NULL: the
-- default (SFMETA_ORG_MAX_CONCURRENT_REQUESTS). The leases that enforce it live in Redis.
ALTER TABLE connections ADD COLUMN max_concurrent_requests integer
  CHECK (max_concurrent_requests BETWEEN 1 AND 100);

-- Down Migration

ALTER TABLE connections DROP COLUMN max_concurrent_requests;
