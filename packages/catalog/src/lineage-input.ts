import type pg from 'pg';
import { fieldIdOf, shortId } from './lineage/catalog-index.ts';
import type {
  ComponentDependency,
  LineageDashboard,
  LineageField,
  LineageInput,
  LineageObject,
  LineageReport,
  LineageTrigger,
} from './lineage/lineage-types.ts';

// $1 the connection, $2 the published run's seq. Only the attributes lineage reads leave the database.
const valid = `connection_id = $1 AND from_seq <= $2 AND (to_seq IS NULL OR to_seq > $2)`;

const OBJECTS = `
  SELECT name, content->'$tooling'->>'durableId' AS durable_id FROM catalog_versions
   WHERE ${valid} AND kind = 'object' AND parent = ''`;

// Describes are stored as sent, odd values included: nothing here casts a value that may not be of its type (a
// failed cast would fail the publishing transaction). The builder only asks whether relationshipOrder is set.
const FIELDS = `
  SELECT parent, name, content->>'type' AS type, content->'referenceTo' AS reference_to,
         content->>'relationshipName' AS relationship_name,
         CASE jsonb_typeof(content->'relationshipOrder') WHEN 'number' THEN 0 END AS relationship_order,
         coalesce(content->'calculated' = 'true'::jsonb, false) AS calculated,
         content->>'calculatedFormula' AS calculated_formula, content->>'defaultValueFormula' AS default_value_formula,
         content->'$tooling'->>'durableId' AS durable_id
    FROM catalog_versions WHERE ${valid} AND kind = 'field'`;

/**
 * Field rows fetched at once from one scan (a cursor): each batch is dropped once turned into lineage fields, so a
 * big org's ~300,000 fields are never held twice. One scan, as the planner chooses it: a query per group of
 * objects could scan the table once per group when its statistics lag behind a first crawl's inserts.
 */
const fieldRowsPerFetch = 5000;

// A report's stored describe (analytics-describes.ts): {reportType: {type}, columns: [{name}], sourceObjects}.
const REPORTS = `
  SELECT name, content->'$describe'->'reportType'->>'type' AS report_type,
         (SELECT coalesce(jsonb_agg(c->>'name'), '[]') FROM jsonb_array_elements(
            CASE jsonb_typeof(content->'$describe'->'columns') WHEN 'array'
                 THEN content->'$describe'->'columns' ELSE '[]' END) c
           WHERE c->>'name' IS NOT NULL) AS columns
    FROM catalog_versions WHERE ${valid} AND kind = 'report' AND parent = ''`;

// A dashboard's stored describe: {components: [{id, title, type, reportId}]}.
const DASHBOARDS = `
  SELECT name, (SELECT coalesce(jsonb_agg(c->>'reportId'), '[]') FROM jsonb_array_elements(
                  CASE jsonb_typeof(content->'$describe'->'components') WHEN 'array'
                       THEN content->'$describe'->'components' ELSE '[]' END) c
                 WHERE c->>'reportId' IS NOT NULL) AS report_ids
    FROM catalog_versions WHERE ${valid} AND kind = 'dashboard' AND parent = ''`;

const TRIGGERS = `
  SELECT name, content->>'TableEnumOrId' AS table_enum_or_id FROM catalog_versions
   WHERE ${valid} AND kind = 'apex_trigger' AND parent = ''`;

const DEPENDENCIES = `SELECT content FROM catalog_versions WHERE ${valid} AND kind = 'dependency' AND parent = ''`;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];

/**
 * What the lineage of the catalog at `seq` is built from, read in one pass per kind (the fields through a cursor,
 * a few thousand at a time). Runs inside the caller's transaction, which a cursor needs.
 */
export async function readLineageInput(
  client: pg.ClientBase,
  connectionId: string,
  seq: number,
): Promise<LineageInput> {
  const scope = [connectionId, seq];
  // One after another: the statements share the publishing transaction's client.
  const objects = await client.query<{ name: string; durable_id: string | null }>(OBJECTS, scope);
  const reports = await client.query<{ name: string; report_type: string | null; columns: unknown }>(REPORTS, scope);
  const dashboards = await client.query<{ name: string; report_ids: unknown }>(DASHBOARDS, scope);
  const triggers = await client.query<{ name: string; table_enum_or_id: string | null }>(TRIGGERS, scope);
  const dependencies = await client.query<{ content: ComponentDependency }>(DEPENDENCIES, scope);
  const byObject = new Map<string, LineageObject>();
  for (const row of objects.rows) byObject.set(row.name, { name: row.name, durableId: row.durable_id, fields: [] });
  const namedIds = idsNamedBy(dependencies.rows.map((row) => row.content));
  // A field type is one of a few dozen words: each is held once, not once per field.
  const types = new Map<string, string>();
  const typeOf = (type: string | null) => {
    if (type === null) return '';
    const known = types.get(type);
    if (known !== undefined) return known;
    types.set(type, type);
    return type;
  };
  await client.query(`DECLARE lineage_fields NO SCROLL CURSOR FOR ${FIELDS}`, scope);
  for (;;) {
    const fields = await client.query<FieldRow>(`FETCH ${fieldRowsPerFetch} FROM lineage_fields`);
    if (fields.rows.length === 0) break;
    for (const row of fields.rows) {
      // A field's DurableId serves only to find the fields that dependency rows name: the others' are dropped, a
      // big org has hundreds of thousands of custom fields.
      const id = fieldIdOf(row.durable_id);
      const durableId = id !== undefined && namedIds.has(id) ? row.durable_id : null;
      byObject.get(row.parent)?.fields.push(lineageField(row, typeOf(row.type), durableId));
    }
  }
  await client.query('CLOSE lineage_fields');
  return {
    objects: [...byObject.values()],
    reports: reports.rows.map(
      (row): LineageReport => ({ id: row.name, reportType: row.report_type, columns: strings(row.columns) }),
    ),
    dashboards: dashboards.rows.map((row): LineageDashboard => ({ id: row.name, reportIds: strings(row.report_ids) })),
    triggers: triggers.rows
      .filter((row) => row.table_enum_or_id !== null)
      .map((row): LineageTrigger => ({ id: row.name, tableEnumOrId: row.table_enum_or_id as string })),
    dependencies: dependencies.rows.map((row) => row.content),
  };
}

interface FieldRow {
  parent: string;
  name: string;
  type: string | null;
  reference_to: unknown;
  relationship_name: string | null;
  relationship_order: number | null;
  calculated: boolean;
  calculated_formula: string | null;
  default_value_formula: string | null;
  durable_id: string | null;
}

/** The ids of the components that dependency rows name on either side, in their 15-character form. */
function idsNamedBy(dependencies: readonly ComponentDependency[]): Set<string> {
  const ids = new Set<string>();
  for (const row of dependencies) {
    for (const id of [row?.MetadataComponentId, row?.RefMetadataComponentId]) {
      const short = typeof id === 'string' ? shortId(id) : undefined;
      if (short !== undefined) ids.add(short);
    }
  }
  return ids;
}

/** The field with only what it has: most fields reference nothing and compute nothing. */
function lineageField(row: FieldRow, type: string, durableId: string | null): LineageField {
  const field: LineageField = { name: row.name, type, durableId };
  const referenceTo = strings(row.reference_to);
  if (referenceTo.length > 0) field.referenceTo = referenceTo;
  if (row.relationship_name !== null) field.relationshipName = row.relationship_name;
  if (row.relationship_order !== null) field.relationshipOrder = row.relationship_order;
  if (row.calculated) field.calculated = true;
  if (row.calculated_formula !== null) field.calculatedFormula = row.calculated_formula;
  if (row.default_value_formula !== null) field.defaultValueFormula = row.default_value_formula;
  return field;
}
