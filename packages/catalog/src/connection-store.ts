import type pg from 'pg';
import type { SecretBox } from './secret-box.ts';
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
}

/** The decrypted credentials of a connection; only the worker should ever ask for them. */
export interface ConnectionSecrets {
  consumerSecret: string;
  password: string | null;
  securityToken: string | null;
  accessToken: string | null;
  refreshToken: string | null;
}

export interface CreateConnectionInput {
  host: string;
  authType: AuthType;
  consumerKey: string;
  consumerSecret: string;
  username?: string | null;
  password?: string | null;
  securityToken?: string | null;
}

// Secret columns are never selected here, so a Connection cannot leak one by accident.
const COLUMNS = `id, host, auth_type, consumer_key, username, status, status_code, status_message,
  org_id, user_id, instance_url, created_at, updated_at, connected_at`;

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
}

interface SecretRow {
  consumer_secret_enc: string;
  password_enc: string | null;
  security_token_enc: string | null;
  access_token_enc: string | null;
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
    const { rows } = await this.pool.query<ConnectionRow>(
      `INSERT INTO connections
         (host, auth_type, consumer_key, username, consumer_secret_enc, password_enc, security_token_enc)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [
        input.host,
        input.authType,
        input.consumerKey,
        input.username ?? null,
        this.box.seal(input.consumerSecret),
        this.sealOptional(input.password),
        this.sealOptional(input.securityToken),
      ],
    );
    return toConnection(rows[0] as ConnectionRow);
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

  /** Deletes the connection with its runs and catalog; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.pool.query('DELETE FROM connections WHERE id = $1', [id]);
    return result.rowCount === 1;
  }

  async secrets(id: string): Promise<ConnectionSecrets | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.pool.query<SecretRow>(
      `SELECT consumer_secret_enc, password_enc, security_token_enc, access_token_enc, refresh_token_enc
         FROM connections WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      consumerSecret: this.box.open(row.consumer_secret_enc),
      password: this.openOptional(row.password_enc),
      securityToken: this.openOptional(row.security_token_enc),
      accessToken: this.openOptional(row.access_token_enc),
      refreshToken: this.openOptional(row.refresh_token_enc),
    };
  }

  /** Records a successful login; clears any earlier failure. A deleted connection is left alone. */
  async markConnected(
    id: string,
    session: { orgId: string; userId: string; instanceUrl: string; accessToken: string },
  ): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query(
      `UPDATE connections
          SET status = 'connected', status_code = NULL, status_message = NULL,
              org_id = $2, user_id = $3, instance_url = $4, access_token_enc = $5,
              connected_at = now(), updated_at = now()
        WHERE id = $1`,
      [id, session.orgId, session.userId, session.instanceUrl, this.box.seal(session.accessToken)],
    );
  }

  /** Records why the connection cannot be used (e.g. `invalid_grant`). A deleted connection is left alone. */
  async markFailed(id: string, code: string, message: string): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query(
      `UPDATE connections
          SET status = 'failed', status_code = $2, status_message = $3, updated_at = now()
        WHERE id = $1`,
      [id, code, message],
    );
  }

  /** Stores a fresh session (after a re-login or refresh) without touching the status. */
  async saveSession(id: string, session: { accessToken: string; instanceUrl: string }): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query(
      `UPDATE connections SET access_token_enc = $2, instance_url = $3, updated_at = now() WHERE id = $1`,
      [id, this.box.seal(session.accessToken), session.instanceUrl],
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
  };
}
