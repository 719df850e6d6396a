import type pg from 'pg';
import { applyScopeChanges, defaultScope, type ExtractionScope, type ScopeChanges } from './extraction-scope.ts';
import type { SecretBox } from './secret-box.ts';
import { withTransaction } from './database.ts';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

export type AuthType = 'password' | 'oauth';

export type ConnectionStatus = 'pending' | 'connected' | 'failed' | 'awaiting_authorization' | 'needs_reauth';

/** A Salesforce org connection as shown to users: deliberately without any secret. */
export interface Connection {
  id: string;
  host: string;
  authType: AuthType;
  consumerKey: string;
  username: string | null;
  status: ConnectionStatus;
  statusCode: string | null;
  statusMessage: string | null;
  orgId: string | null;
  userId: string | null;
  instanceUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  connectedAt: Date | null;
  /** What its extractions read. */
  scope: ExtractionScope;
  /** The most requests in flight to its org at once, across every worker; null: the configured default. */
  maxConcurrentRequests: number | null;
}

/** The decrypted credentials of a connection; only the worker should ever ask for them. */
export interface ConnectionSecrets {
  consumerSecret: string;
  password: string | null;
  securityToken: string | null;
  accessToken: string | null;
  /** When Salesforce issued the access token; null when unknown (tokens stored before this was tracked). */
  accessTokenIssuedAt: Date | null;
  refreshToken: string | null;
}

/** A connection with its decrypted secrets: what a login or a renewal starts from. */
export interface StoredSession {
  connection: Connection;
  secrets: ConnectionSecrets;
}

/** What the OAuth callback keeps for the connect job: exchanged once for tokens. */
export interface AuthorizationCode {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/** A successful login or token exchange. */
export interface ConnectedSession {
  orgId: string;
  userId: string;
  instanceUrl: string;
  accessToken: string;
  /** Stored when given; omitted or null keeps the stored one (the password flow has none). */
  refreshToken?: string | null;
  /** Defaults to now. */
  issuedAt?: Date;
}

/** A renewed access token; a new refresh token when Salesforce rotated it. */
export interface RenewedSession {
  accessToken: string;
  instanceUrl: string;
  /** Defaults to now. */
  issuedAt?: Date;
  /** A string replaces the stored refresh token; omitted or null keeps it. */
  refreshToken?: string | null;
}

export interface CreateConnectionInput {
  host: string;
  authType: AuthType;
  consumerKey: string;
  consumerSecret: string;
  username?: string | null;
  password?: string | null;
  securityToken?: string | null;
  /** Defaults for what is left out (defaultScope). */
  scope?: ScopeChanges;
  /** Null or left out: the configured default. */
  maxConcurrentRequests?: number | null;
}

/** The settings and credentials a client may replace; a field left out keeps its stored value. */
export interface ConnectionChanges {
  host?: string;
  consumerKey?: string;
  consumerSecret?: string;
  /** Only for password connections, like the password and the security token. */
  username?: string;
  password?: string;
  securityToken?: string;
}

// Secret columns are never selected here, so a Connection cannot leak one by accident.
const COLUMNS = `id, host, auth_type, consumer_key, username, status, status_code, status_message,
  org_id, user_id, instance_url, created_at, updated_at, connected_at, scope, max_concurrent_requests`;

interface ConnectionRow {
  id: string;
  host: string;
  auth_type: AuthType;
  consumer_key: string;
  username: string | null;
  status: ConnectionStatus;
  status_code: string | null;
  status_message: string | null;
  org_id: string | null;
  user_id: string | null;
  instance_url: string | null;
  created_at: Date;
  updated_at: Date;
  connected_at: Date | null;
  scope: ScopeChanges;
  max_concurrent_requests: number | null;
}

interface SecretRow {
  consumer_secret_enc: string;
  password_enc: string | null;
  security_token_enc: string | null;
  access_token_enc: string | null;
  access_token_issued_at: Date | null;
  refresh_token_enc: string | null;
}

/** Connections and their credentials; every secret column is written and read through the SecretBox. */
export class ConnectionStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
  ) {}

  async create(input: CreateConnectionInput): Promise<Connection> {
    if (input.authType === 'password' && (!input.username || !input.password)) {
      throw new StoreError('INVALID_INPUT', 'a password connection needs a username and a password');
    }
    // An OAuth connection has nothing to log in with until the user authorizes it in Salesforce.
    const status: ConnectionStatus = input.authType === 'oauth' ? 'awaiting_authorization' : 'pending';
    const { rows } = await this.pool.query<ConnectionRow>(
      `INSERT INTO connections
         (host, auth_type, consumer_key, username, consumer_secret_enc, password_enc, security_token_enc, status,
          scope, max_concurrent_requests)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${COLUMNS}`,
      [
        input.host,
        input.authType,
        input.consumerKey,
        input.username ?? null,
        this.box.seal(input.consumerSecret),
        this.sealOptional(input.password),
        this.sealOptional(input.securityToken),
        status,
        applyScopeChanges(defaultScope, input.scope),
        input.maxConcurrentRequests ?? null,
      ],
    );
    return toConnection(rows[0] as ConnectionRow);
  }

  /**
   * Replaces settings and credentials and starts the connection over, in one UPDATE: back to
   * `pending` (`awaiting_authorization` for oauth) without a status reason, and without its tokens
   * or an unexchanged authorization code, which belong to the old settings. Undefined when unknown.
   */
  async reconfigure(id: string, changes: ConnectionChanges): Promise<Connection | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.pool.query<ConnectionRow>(
      `UPDATE connections
          SET host = coalesce($2, host), consumer_key = coalesce($3, consumer_key),
              consumer_secret_enc = coalesce($4, consumer_secret_enc), username = coalesce($5, username),
              password_enc = coalesce($6, password_enc), security_token_enc = coalesce($7, security_token_enc),
              status = CASE auth_type WHEN 'oauth' THEN 'awaiting_authorization' ELSE 'pending' END,
              status_code = NULL, status_message = NULL,
              access_token_enc = NULL, access_token_issued_at = NULL, refresh_token_enc = NULL,
              authorization_code_enc = NULL, authorization_code_verifier_enc = NULL, authorization_redirect_uri = NULL,
              -- A new host is a first connection again (SET reads the row as it was: host is the old one).
              connected_at = CASE WHEN $2::text IS NOT NULL AND $2 <> host THEN NULL ELSE connected_at END,
              updated_at = now()
        WHERE id = $1
        RETURNING ${COLUMNS}`,
      [
        id,
        changes.host ?? null,
        changes.consumerKey ?? null,
        this.sealOptional(changes.consumerSecret),
        changes.username ?? null,
        this.sealOptional(changes.password),
        this.sealOptional(changes.securityToken),
      ],
    );
    return rows[0] && toConnection(rows[0]);
  }

  /**
   * Changes what the connection's next extractions read, keeping its session: keys left out keep their
   * value. Undefined when the connection does not exist.
   */
  async setScope(id: string, changes: ScopeChanges): Promise<Connection | undefined> {
    if (!isUuid(id)) return undefined;
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ConnectionRow>(
        `SELECT ${COLUMNS} FROM connections WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!rows[0]) return undefined;
      const scope = applyScopeChanges(toConnection(rows[0]).scope, changes);
      const updated = await client.query<ConnectionRow>(
        `UPDATE connections SET scope = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, scope],
      );
      return toConnection(updated.rows[0] as ConnectionRow);
    });
  }

  /**
   * Sets the most requests in flight to the connection's org (null: the default), keeping its session: the
   * next requests of its jobs take it. Undefined when the connection does not exist.
   */
  async setMaxConcurrentRequests(id: string, limit: number | null): Promise<Connection | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.pool.query<ConnectionRow>(
      `UPDATE connections SET max_concurrent_requests = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, limit],
    );
    return rows[0] && toConnection(rows[0]);
  }

  async get(id: string): Promise<Connection | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.pool.query<ConnectionRow>(`SELECT ${COLUMNS} FROM connections WHERE id = $1`, [id]);
    return rows[0] && toConnection(rows[0]);
  }

  /** Newest first. */
  async list(): Promise<Connection[]> {
    const { rows } = await this.pool.query<ConnectionRow>(
      `SELECT ${COLUMNS} FROM connections ORDER BY created_at DESC, id`,
    );
    return rows.map(toConnection);
  }

  /** Connections waiting for their connect job since before `before`: candidates for the lost-job check. */
  async pendingSince(before: Date): Promise<Connection[]> {
    const { rows } = await this.pool.query<ConnectionRow>(
      `SELECT ${COLUMNS} FROM connections WHERE status = 'pending' AND updated_at < $1 ORDER BY updated_at`,
      [before],
    );
    return rows.map(toConnection);
  }

  /** Deletes the connection with its runs and catalog; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.pool.query('DELETE FROM connections WHERE id = $1', [id]);
    return result.rowCount === 1;
  }

  /** The decrypted credentials and tokens of a connection. */
  async secrets(id: string): Promise<ConnectionSecrets | undefined> {
    return (await this.storedSession(id))?.secrets;
  }

  /**
   * A connection with its decrypted credentials and tokens, read in one query: what logging in,
   * renewing a session, or checking whether another worker already renewed it needs.
   */
  async storedSession(id: string): Promise<StoredSession | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.pool.query<ConnectionRow & SecretRow>(
      `SELECT ${COLUMNS}, consumer_secret_enc, password_enc, security_token_enc, access_token_enc,
              access_token_issued_at, refresh_token_enc
         FROM connections WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      connection: toConnection(row),
      secrets: {
        consumerSecret: this.box.open(row.consumer_secret_enc),
        password: this.openOptional(row.password_enc),
        securityToken: this.openOptional(row.security_token_enc),
        accessToken: this.openOptional(row.access_token_enc),
        accessTokenIssuedAt: row.access_token_issued_at,
        refreshToken: this.openOptional(row.refresh_token_enc),
      },
    };
  }

  /**
   * Records that Salesforce refused the connection's credentials or tokens: an OAuth connection
   * needs its user to authorize it again (`needs_reauth`), a password connection new credentials
   * (`failed`). One conditional UPDATE: the first refusal names the cause, later ones change
   * nothing. True when this call recorded it.
   */
  async recordRefusal(id: string, code: string, message: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.pool.query(
      `UPDATE connections
          SET status = CASE auth_type WHEN 'oauth' THEN 'needs_reauth' ELSE 'failed' END,
              status_code = $2, status_message = $3, updated_at = now()
        WHERE id = $1 AND status NOT IN ('needs_reauth', 'failed')`,
      [id, code, message],
    );
    return result.rowCount === 1;
  }

  /** Records a successful login; clears any earlier failure. A deleted connection is left alone. */
  async markConnected(id: string, session: ConnectedSession): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query(
      `UPDATE connections
          SET status = 'connected', status_code = NULL, status_message = NULL,
              org_id = $2, user_id = $3, instance_url = $4, access_token_enc = $5,
              access_token_issued_at = coalesce($6, now()), refresh_token_enc = coalesce($7, refresh_token_enc),
              connected_at = now(), updated_at = now()
        WHERE id = $1`,
      [
        id,
        session.orgId,
        session.userId,
        session.instanceUrl,
        this.box.seal(session.accessToken),
        session.issuedAt ?? null,
        this.sealOptional(session.refreshToken),
      ],
    );
  }

  /** Records why the connection cannot be used (e.g. `invalid_grant`). A deleted connection is left alone. */
  async markFailed(id: string, code: string, message: string): Promise<void> {
    await this.setStatus(id, 'failed', code, message);
  }

  /** The refresh token was revoked or expired: only the user can authorize the connection again. */
  async markNeedsReauth(id: string, code: string, message: string): Promise<void> {
    await this.setStatus(id, 'needs_reauth', code, message);
  }

  /** A new authorize URL was issued: the connection waits for the user, whatever failed before. */
  async markAwaitingAuthorization(id: string): Promise<void> {
    await this.setStatus(id, 'awaiting_authorization', null, null);
  }

  /**
   * Stores a fresh session (after a re-login or refresh) without touching the status. A new
   * refresh token is written in the same UPDATE: after a rotation the old one may already be dead.
   */
  async saveSession(id: string, session: RenewedSession): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query(
      `UPDATE connections
          SET access_token_enc = $2, instance_url = $3, access_token_issued_at = coalesce($4, now()),
              refresh_token_enc = coalesce($5, refresh_token_enc), updated_at = now()
        WHERE id = $1`,
      [
        id,
        this.box.seal(session.accessToken),
        session.instanceUrl,
        session.issuedAt ?? null,
        this.sealOptional(session.refreshToken),
      ],
    );
  }

  /** Keeps what the OAuth callback received for the connect job, which makes the connection pending again. */
  async saveAuthorizationCode(id: string, grant: AuthorizationCode): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query(
      `UPDATE connections
          SET authorization_code_enc = $2, authorization_code_verifier_enc = $3, authorization_redirect_uri = $4,
              status = 'pending', status_code = NULL, status_message = NULL, updated_at = now()
        WHERE id = $1`,
      [id, this.box.seal(grant.code), this.box.seal(grant.codeVerifier), grant.redirectUri],
    );
  }

  /** Returns the stored authorization code and clears it in one step, so only one caller can exchange it. */
  async takeAuthorizationCode(id: string): Promise<AuthorizationCode | undefined> {
    if (!isUuid(id)) return undefined;
    // FOR UPDATE makes a concurrent taker wait, then re-check the row and find the code gone.
    const { rows } = await this.pool.query<{ code: string; verifier: string; redirect_uri: string }>(
      `UPDATE connections c
          SET authorization_code_enc = NULL, authorization_code_verifier_enc = NULL,
              authorization_redirect_uri = NULL, updated_at = now()
         FROM (SELECT id, authorization_code_enc, authorization_code_verifier_enc, authorization_redirect_uri
                 FROM connections WHERE id = $1 AND authorization_code_enc IS NOT NULL FOR UPDATE) taken
        WHERE c.id = taken.id
        RETURNING taken.authorization_code_enc AS code, taken.authorization_code_verifier_enc AS verifier,
                  taken.authorization_redirect_uri AS redirect_uri`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { code: this.box.open(row.code), codeVerifier: this.box.open(row.verifier), redirectUri: row.redirect_uri };
  }

  private async setStatus(id: string, status: ConnectionStatus, code: string | null, message: string | null) {
    if (!isUuid(id)) return;
    await this.pool.query(
      `UPDATE connections SET status = $2, status_code = $3, status_message = $4, updated_at = now() WHERE id = $1`,
      [id, status, code, message],
    );
  }

  private sealOptional(value: string | null | undefined): string | null {
    return value == null ? null : this.box.seal(value);
  }

  private openOptional(value: string | null): string | null {
    return value === null ? null : this.box.open(value);
  }
}

function toConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    host: row.host,
    authType: row.auth_type,
    consumerKey: row.consumer_key,
    username: row.username,
    status: row.status,
    statusCode: row.status_code,
    statusMessage: row.status_message,
    orgId: row.org_id,
    userId: row.user_id,
    instanceUrl: row.instance_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    connectedAt: row.connected_at,
    scope: applyScopeChanges(defaultScope, row.scope),
    maxConcurrentRequests: row.max_concurrent_requests,
  };
}
