import type pg from 'pg';
import type { CatalogField, CatalogObject, CatalogObjectSummary } from './catalog-types.ts';
import {
  FIELD_ATTRIBUTES,
  OBJECT_ATTRIBUTES,
  checkDescribes,
  recordDefinition,
  storedValue,
  type Attribute,
} from './describe-mapping.ts';
import { withTransaction } from './database.ts';
import { StoreError } from './store-error.ts';
import { isUuid } from './uuid.ts';

export type { CatalogField, CatalogObject, CatalogObjectSummary } from './catalog-types.ts';

// The SQL is generated from the attribute tables so that a column cannot be written under one
// name and read under another. Raw describes travel as one JSON document per statement and the
// database extracts the typed columns (jsonb_to_record), so a call costs the same five round
// trips whatever its size, and no value is sent twice.

/** Upserts rows `{ ...extra, describe }`, extracting `attributes` from each raw describe. */
function upsertSql(
  table: string,
  conflict: readonly string[],
  extra: ReadonlyArray<{ column: string; key: string; type: string }>,
  attributes: readonly Attribute<string>[],
): string {
  const columns = [...extra.map((e) => e.column), ...attributes.map((a) => a.column), 'describe'];
  const values = [...extra.map((e) => `r."${e.key}"`), ...attributes.map((a) => storedValue('a', a)), 'r.describe'];
  const record = [...extra.map((e) => `"${e.key}" ${e.type}`), 'describe jsonb'];
  const updates = columns.filter((c) => !conflict.includes(c)).map((c) => `${c} = excluded.${c}`);
  return `
    INSERT INTO ${table} (run_id, ${columns.join(', ')})
    SELECT $1, ${values.join(', ')}
      FROM jsonb_to_recordset($2::jsonb) AS r(${record.join(', ')})
     CROSS JOIN LATERAL jsonb_to_record(r.describe) AS a(${recordDefinition(attributes)})
        ON CONFLICT (run_id, ${conflict.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
}

const UPSERT_OBJECTS = upsertSql('catalog_objects', ['name'], [], OBJECT_ATTRIBUTES);

const UPSERT_FIELDS = upsertSql(
  'catalog_fields',
  ['object_name', 'name'],
  [
    { column: 'object_name', key: 'objectName', type: 'text' },
    { column: 'position', key: 'position', type: 'integer' },
  ],
  FIELD_ATTRIBUTES,
);

const selectList = (attributes: readonly Attribute<string>[]) =>
  attributes.map((a) => `${a.column} AS "${a.key}"`).join(', ');

// A re-saved object may have lost fields since the first save (a retry after a metadata change).
const DELETE_STALE_FIELDS = `
  DELETE FROM catalog_fields f
   WHERE f.run_id = $1 AND f.object_name = ANY($2::text[])
     AND (f.object_name, f.name) NOT IN (SELECT * FROM unnest($3::text[], $4::text[]))`;

const SELECT_OBJECT = `SELECT ${selectList(OBJECT_ATTRIBUTES)}
  FROM catalog_objects WHERE run_id = $1 AND name = $2`;

const SELECT_FIELDS = `SELECT ${selectList(FIELD_ATTRIBUTES)}
  FROM catalog_fields WHERE run_id = $1 AND object_name = $2 ORDER BY position`;

/** The extracted catalog of each run: sObjects and their fields, typed columns plus raw JSON. */
export class CatalogStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Saves raw sObject describe bodies in one transaction. Idempotent: saving an object again
   * replaces its attributes and fields, so a retried job can save the same batch twice.
   * Throws StoreError INVALID_DESCRIBE (nothing saved) when a describe is malformed, and
   * RUN_NOT_FOUND when the run is gone.
   */
  async saveObjects(runId: string, describes: readonly unknown[]): Promise<void> {
    const { objects, fields } = checkDescribes(describes);
    if (!isUuid(runId)) throw runNotFound(runId);
    if (objects.length === 0) return;
    try {
      await withTransaction(this.pool, async (client) => {
        await client.query(UPSERT_OBJECTS, [runId, JSON.stringify(objects.map((o) => ({ describe: o.describe })))]);
        await client.query(DELETE_STALE_FIELDS, [
          runId,
          objects.map((o) => o.name),
          fields.map((f) => f.objectName),
          fields.map((f) => f.name),
        ]);
        if (fields.length > 0) {
          const rows = fields.map((f) => ({ objectName: f.objectName, position: f.position, describe: f.describe }));
          await client.query(UPSERT_FIELDS, [runId, JSON.stringify(rows)]);
        }
      });
    } catch (error) {
      // The run (or its connection) was deleted while its describes were being fetched.
      if ((error as { code?: string }).code === '23503') throw runNotFound(runId, error);
      throw error;
    }
  }

  /** Names of the objects already saved for a run, so a resumed run can skip them. */
  async storedObjectNames(runId: string): Promise<Set<string>> {
    if (!isUuid(runId)) return new Set();
    const { rows } = await this.pool.query<{ name: string }>('SELECT name FROM catalog_objects WHERE run_id = $1', [
      runId,
    ]);
    return new Set(rows.map((row) => row.name));
  }

  /** Every object of a run, sorted by name (binary order, the same on every database). */
  async listObjects(runId: string): Promise<CatalogObjectSummary[]> {
    if (!isUuid(runId)) return [];
    const { rows } = await this.pool.query<CatalogObjectSummary>(
      `SELECT o.name, o.label, o.label_plural AS "labelPlural", o.custom, o.key_prefix AS "keyPrefix",
              o.queryable, coalesce(f.count, 0)::int AS "fieldCount",
              jsonb_array_length(o.record_type_infos) AS "recordTypeCount"
         FROM catalog_objects o
         LEFT JOIN (SELECT object_name, count(*) FROM catalog_fields WHERE run_id = $1 GROUP BY object_name) f
           ON f.object_name = o.name
        WHERE o.run_id = $1
        ORDER BY o.name COLLATE "C"`,
      [runId],
    );
    return rows;
  }

  /** One object of a run with its fields in describe order; undefined if the run has no such object. */
  async getObject(runId: string, name: string): Promise<CatalogObject | undefined> {
    if (!isUuid(runId)) return undefined;
    const [objects, fields] = await Promise.all([
      this.pool.query<Omit<CatalogObject, 'fields'>>(SELECT_OBJECT, [runId, name]),
      this.pool.query<CatalogField>(SELECT_FIELDS, [runId, name]),
    ]);
    const object = objects.rows[0];
    return object && { ...object, fields: fields.rows };
  }
}

function runNotFound(runId: string, cause?: unknown): StoreError {
  return new StoreError('RUN_NOT_FOUND', `extraction run ${runId} does not exist`, { cause });
}
