import { createHash } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from './database.ts';
import type { SecretBox } from './secret-box.ts';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

/** What an authorize URL was issued with; handed back once when Salesforce redirects to the callback. */
export interface OAuthStateInput {
  connectionId: string;
  /** The random `state` parameter of the authorize URL; only its hash is stored. */
  state: string;
  /** The PKCE verifier whose S256 challenge went into the authorize URL. */
  codeVerifier: string;
  redirectUri: string;
  expiresAt: Date;
}

/** A consumed state: the connection it belongs to and what the token request needs. */
export interface ConsumedOAuthState {
  connectionId: string;
  codeVerifier: string;
  redirectUri: string;
}

/** Single-use OAuth `state` values, each bound to one connection and one PKCE verifier. */
export class OAuthStateStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
  ) {}

  /** Stores a new state and deletes the connection's earlier unused ones: only the newest authorize URL works. */
  async create(input: OAuthStateInput): Promise<void> {
    if (!isUuid(input.connectionId)) throw notFound(input.connectionId);
    await withTransaction(this.pool, async (client) => {
      // Locking the connection serialises concurrent creates, so exactly one state survives;
      // NO KEY UPDATE still lets the inserts' foreign-key checks of other sessions through.
      const { rowCount } = await client.query('SELECT 1 FROM connections WHERE id = $1 FOR NO KEY UPDATE', [
        input.connectionId,
      ]);
      if (rowCount !== 1) throw notFound(input.connectionId);
      await client.query('DELETE FROM oauth_states WHERE connection_id = $1 AND used_at IS NULL', [input.connectionId]);
      await client.query(
        `INSERT INTO oauth_states (state_hash, connection_id, code_verifier_enc, redirect_uri, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          hashState(input.state),
          input.connectionId,
          this.box.seal(input.codeVerifier),
          input.redirectUri,
          input.expiresAt,
        ],
      );
    });
  }

  /**
   * Marks the state used and returns what it was issued with; undefined when it is unknown, used
   * or expired. One UPDATE decides, so of two concurrent callers exactly one gets it.
   */
  async consume(state: string): Promise<ConsumedOAuthState | undefined> {
    const { rows } = await this.pool.query<{ connection_id: string; code_verifier_enc: string; redirect_uri: string }>(
      `UPDATE oauth_states SET used_at = now()
        WHERE state_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING connection_id, code_verifier_enc, redirect_uri`,
      [hashState(state)],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      connectionId: row.connection_id,
      codeVerifier: this.box.open(row.code_verifier_enc),
      redirectUri: row.redirect_uri,
    };
  }

  /** Deletes expired states, used or not; returns how many. */
  async deleteExpired(): Promise<number> {
    const result = await this.pool.query('DELETE FROM oauth_states WHERE expires_at <= now()');
    return result.rowCount ?? 0;
  }
}

// The state is random and high-entropy, so a plain SHA-256 cannot be reversed or guessed: no salt needed.
function hashState(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

function notFound(connectionId: string): StoreError {
  return new StoreError('CONNECTION_NOT_FOUND', `connection ${connectionId} does not exist`);
}
