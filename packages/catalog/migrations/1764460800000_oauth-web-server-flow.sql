-- Up Migration

-- The OAuth 2.0 web-server flow: the callback leaves an authorization code (with its PKCE verifier)
-- on the connection for the connect job, which exchanges it exactly once for tokens.
ALTER TABLE connections
  ADD COLUMN authorization_code_enc text,
  ADD COLUMN authorization_code_verifier_enc text,
  -- Not a secret, but the token request must repeat the redirect_uri of the authorize request.
  ADD COLUMN authorization_redirect_uri text,
  -- When Salesforce issued the current access token, so workers can refresh before it expires.
  ADD COLUMN access_token_issued_at timestamptz,
  ADD CONSTRAINT connections_authorization_code_complete CHECK (
    (authorization_code_enc IS NULL) = (authorization_code_verifier_enc IS NULL)
    AND (authorization_code_enc IS NULL) = (authorization_redirect_uri IS NULL)
  );

-- One row per authorize URL handed out. Only the SHA-256 of the state is kept, so reading this
-- table is not enough to complete someone else's authorization.
CREATE TABLE oauth_states (
  state_hash text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  code_verifier_enc text NOT NULL,
  redirect_uri text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX oauth_states_connection_idx ON oauth_states (connection_id);
CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at);

-- Down Migration

DROP TABLE oauth_states;
ALTER TABLE connections
  DROP CONSTRAINT connections_authorization_code_complete,
  DROP COLUMN access_token_issued_at,
  DROP COLUMN authorization_redirect_uri,
  DROP COLUMN authorization_code_verifier_enc,
  DROP COLUMN authorization_code_enc;
