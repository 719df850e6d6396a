import { RestError, restErrors } from '../rest/rest-error.ts';
import type { OrgRuntime } from '../runtime/org-runtime.ts';
import { DEPENDENCY_ROW_LIMIT, DEPENDENCY_TABLE, dependencyRules } from './dependency-table.ts';
import { PAGE_SIZE, planQuery, recordAt, type QueryPlan } from './query-engine.ts';
import { SoqlSyntaxError } from './soql-lexer.ts';
import { parseSoql, type Condition, type SoqlQuery } from './soql-parser.ts';
import { resolveTable } from './table-registry.ts';

// EntityDefinition cannot page: more than one batch of rows is an error, not a cursor.
const ENTITY_ROW_LIMIT = 2000;
const ENTITY_FILTERS = ['entitydefinition.qualifiedapiname', 'entitydefinitionid', 'durableid'];

function parse(soql: string): SoqlQuery {
  try {
    return parseSoql(soql);
  } catch (error) {
    if (error instanceof SoqlSyntaxError)
      throw restErrors.malformedQuery(`\n${soql}\n^\nERROR at Row:1:Column:1\n${error.message}`);
    throw error;
  }
}

/** Whether the condition pins rows to given entities with = or IN on one of the entity filter fields. */
function filtersEntity(c: Condition | null): boolean {
  if (!c) return false;
  if (c.kind === 'and') return c.items.some(filtersEntity);
  if (c.kind === 'compare') return c.op === '=' && ENTITY_FILTERS.includes(c.field.toLowerCase());
  return c.kind === 'in' && !c.negated && ENTITY_FILTERS.includes(c.field.toLowerCase());
}

function toolingRules(query: SoqlQuery): void {
  if (query.from.toLowerCase() === DEPENDENCY_TABLE) {
    dependencyRules(query);
    return;
  }
  const reject = (what: string) => {
    throw restErrors.malformedQuery(`${what} is not supported by the Tooling API for ${query.from}`);
  };
  if (query.count) reject('COUNT()');
  if (query.groupBy.length > 0) reject('GROUP BY');
  if (query.uses.or) reject('OR');
  if (query.uses.not) reject('NOT');
  if (query.uses.notEquals) reject('!=');
  if (query.from.toLowerCase() === 'fielddefinition' && !filtersEntity(query.where)) {
    throw new RestError(
      400,
      'EXTERNAL_OBJECT_UNSUPPORTED_EXCEPTION',
      'This query is not supported on the FieldDefinition object. ' +
        'Filter on EntityDefinition.QualifiedApiName or EntityDefinitionId.',
    );
  }
}

/** One page of results starting at `start`; stores a cursor when more rows follow. */
function page(
  runtime: OrgRuntime,
  plan: QueryPlan,
  start: number,
  version: string,
  cursor?: string,
): Record<string, unknown> {
  const end = Math.min(plan.total, start + PAGE_SIZE);
  const records = Array.from({ length: end - start }, (_, i) => recordAt(plan, start + i, version));
  const done = end >= plan.total;
  const locator = done ? undefined : `${cursor ?? runtime.cursors.add(plan)}-${end}`;
  const nextRecordsUrl = locator && `/services/data/v${version}/${plan.tooling ? 'tooling/' : ''}query/${locator}`;
  if (!plan.tooling) return { totalSize: plan.total, done, ...(nextRecordsUrl ? { nextRecordsUrl } : {}), records };
  return {
    size: records.length,
    totalSize: plan.total,
    done,
    ...(nextRecordsUrl ? { nextRecordsUrl } : {}),
    queryLocator: locator ?? null,
    entityTypeName: plan.table.name,
    records,
  };
}

/** Runs a SOQL (or Tooling SOQL) query and answers its first page. */
export function runQuery(
  runtime: OrgRuntime,
  soql: string | null,
  version: string,
  tooling: boolean,
): Record<string, unknown> {
  if (!soql) throw restErrors.malformedQuery('A query string has to be specified');
  const query = parse(soql);
  if (tooling) toolingRules(query);
  const table = resolveTable(runtime, query.from, tooling);
  if (!tooling && query.groupBy.length > 0)
    throw restErrors.malformedQuery('GROUP BY is not supported by the simulator');
  const plan = planQuery({ ...query, fields: query.count ? [] : query.fields }, table, tooling);
  if (tooling && table.name === 'EntityDefinition' && plan.total > ENTITY_ROW_LIMIT) {
    throw new RestError(
      400,
      'EXCEEDED_ID_LIMIT',
      'EntityDefinition does not support queryMore(), use LIMIT to restrict the results to a single batch',
    );
  }
  if (query.count) return { totalSize: plan.total, done: true, records: [] };
  // MetadataComponentDependency cannot page: the answer stops at its limit, done, without a cursor.
  if (tooling && table.name === 'MetadataComponentDependency' && plan.total > DEPENDENCY_ROW_LIMIT) {
    const rows = plan.rows ?? Int32Array.from({ length: DEPENDENCY_ROW_LIMIT }, (_, i) => i);
    return page(
      runtime,
      { ...plan, rows: rows.subarray(0, DEPENDENCY_ROW_LIMIT), total: DEPENDENCY_ROW_LIMIT },
      0,
      version,
    );
  }
  return page(runtime, plan, 0, version, undefined);
}

/** Answers the page a nextRecordsUrl locator (`01g...-2000`) points at. */
export function nextPage(
  runtime: OrgRuntime,
  locator: string,
  version: string,
  tooling: boolean,
): Record<string, unknown> {
  const dash = locator.lastIndexOf('-');
  const cursor = dash === -1 ? locator : locator.slice(0, dash);
  const start = dash === -1 ? 0 : Number(locator.slice(dash + 1));
  const plan = runtime.cursors.get(cursor);
  if (!plan || plan.tooling !== tooling || !Number.isInteger(start) || start < 0 || start >= plan.total)
    throw restErrors.invalidQueryLocator();
  return page(runtime, plan, start, version, cursor);
}
