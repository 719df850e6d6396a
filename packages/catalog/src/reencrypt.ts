import type pg from 'pg';
import type { SecretBox } from './secret-box.ts';

/** Every column that holds a SecretBox envelope, by table. A new encrypted column must be listed here. */
export const ENCRYPTED_COLUMNS = [
  {
    table: 'connections',
    key: 'id',
    keyType: 'uuid',
    columns: [
      'consumer_secret_enc',
      'password_enc',
      'security_token_enc',
      'access_token_enc',
      'refresh_token_enc',
      'authorization_code_enc',
      'authorization_code_verifier_enc',
    ],
  },
  { table: 'oauth_states', key: 'state_hash', keyType: 'text', columns: ['code_verifier_enc'] },
  { table: 'webhooks', key: 'id', keyType: 'uuid', columns: ['secret_enc'] },
] as const;

export interface ReencryptResult {
  /** Sealed values read. */
  scanned: number;
  /** Values re-sealed under the newest key and written back. */
  rewritten: number;
}

/**
 * Re-seals every stored secret under the box's newest key, so older keys can then be retired.
 * Idempotent, and safe while the API and workers run: a value is written back only if it is still
 * the one that was read, so a token refreshed meanwhile is never replaced by the old one. Values
 * that changed are left to the writer, which seals with the newest key when configured with it;
 * run it again to pick up any written by a process still on the old key list.
 */
export async function reencryptAll(
  pool: pg.Pool,
  box: SecretBox,
  options: { batchSize?: number } = {},
): Promise<ReencryptResult> {
  const batchSize = options.batchSize ?? 500;
  const total: ReencryptResult = { scanned: 0, rewritten: 0 };
  for (const table of ENCRYPTED_COLUMNS) {
    let after: string | null = null;
    for (;;) {
      const { rows } = await pool.query<Record<string, string | null>>(
        `SELECT ${table.key}::text AS row_key, ${table.columns.join(', ')} FROM ${table.table}
          WHERE $1::text IS NULL OR ${table.key} > $1::${table.keyType}
          ORDER BY ${table.key} LIMIT $2`,
        [after, batchSize],
      );
      const last = rows.at(-1);
      if (!last) break;
      after = last.row_key as string;
      for (const column of table.columns) {
        const keys: string[] = [];
        const olds: string[] = [];
        const news: string[] = [];
        for (const row of rows) {
          const sealed = row[column];
          if (sealed == null) continue;
          total.scanned++;
          const resealed = reseal(box, sealed, `${table.table}.${column} of ${row.row_key}`);
          if (resealed === undefined) continue;
          keys.push(row.row_key as string);
          olds.push(sealed);
          news.push(resealed);
        }
        if (keys.length === 0) continue;
        // Compare-and-set per value: a row whose value changed since the SELECT is skipped.
        const result = await pool.query(
          `UPDATE ${table.table} t SET ${column} = v.sealed
             FROM unnest($1::text[], $2::text[], $3::text[]) AS v(row_key, old, sealed)
            WHERE t.${table.key} = v.row_key::${table.keyType} AND t.${column} = v.old`,
          [keys, olds, news],
        );
        total.rewritten += result.rowCount ?? 0;
      }
      if (rows.length < batchSize) break;
    }
  }
  return total;
}

/** The value sealed under the newest key; undefined when it already is. */
function reseal(box: SecretBox, sealed: string, where: string): string | undefined {
  try {
    if (box.keyIdOf(sealed) === box.newestKeyId) return undefined;
    return box.seal(box.open(sealed));
  } catch (error) {
    // Names the value, never its content; usually an old key missing from SFMETA_ENCRYPTION_KEYS.
    throw new Error(`cannot re-encrypt ${where}: ${(error as Error).message}`, { cause: error });
  }
}
