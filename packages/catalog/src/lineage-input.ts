import type pg from 'pg';
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
    FROM catalog_versions WHERE ${valid} AND kind = 'field' AND parent = ANY($3::text[])`;

/**
 * Objects whose fields are read at once: the rows of one read are dropped once turned into lineage fields, so a
 * big org's ~300,000 fields are never held twice (at 60 fields an object, about 30,000 rows a read).
 */
const objectsPerFieldRead = 500;

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
 * What the lineage of the catalog at `seq` is built from, read in one pass per kind (the fields a few hundred
 * objects at a time).
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
  const names = [...byObject.keys()];
  for (let start = 0; start < names.length; start += objectsPerFieldRead) {
    const fields = await client.query<FieldRow>(FIELDS, [...scope, names.slice(start, start + objectsPerFieldRead)]);
    for (const row of fields.rows) byObject.get(row.parent)?.fields.push(lineageField(row));
  }
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

function lineageField(row: FieldRow): LineageField {
  return {
    name: row.name,
    type: row.type ?? '',
    referenceTo: strings(row.reference_to),
    relationshipName: row.relationship_name,
    relationshipOrder: row.relationship_order,
    calculated: row.calculated,
    calculatedFormula: row.calculated_formula,
    defaultValueFormula: row.default_value_formula,
    durableId: row.durable_id,
  };
}
