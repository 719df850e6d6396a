import type { SalesforceClient } from './salesforce-client.ts';
import { isPartRefusal, type SkippedPart, skippedPart } from './skipped-part.ts';
import { runQueries, type SoqlRecord } from './soql-batch.ts';
import { soqlString } from './soql-in-list.ts';

/**
 * Tooling's MetadataComponentDependency (beta) answers at most 2,000 rows to a query and cannot page on
 * (no queryMore, no ORDER BY, no OFFSET): an answer this long may be cut, and the query is split.
 */
export const dependencyRowCap = 2000;

// Ids ORed into one query (`IN` is not supported): ~40 characters each keeps the URL well under 8 KB.
const idsPerQuery = 100;

const columns = [
  'MetadataComponentId',
  'MetadataComponentName',
  'MetadataComponentNamespace',
  'MetadataComponentType',
  'RefMetadataComponentId',
  'RefMetadataComponentName',
  'RefMetadataComponentNamespace',
  'RefMetadataComponentType',
].join(', ');

/** The components whose dependencies the lineage reads, with the ids to split by when one query is cut. */
export interface DependencyPlan {
  /** ApexClass ids of the catalog; null when classes are out of the scope (their dependencies are not read). */
  apexClassIds: readonly string[] | null;
  /** ApexTrigger ids of the catalog; null when triggers are out of the scope. */
  apexTriggerIds: readonly string[] | null;
  /** CustomField ids (00N…) of the catalog's roll-up summary fields: only their field → field rows are read. */
  rollupFieldIds: readonly string[];
}

/** The rows found; those cut at the cap are counted, and a refusal (no Dependency API) is the skipped part. */
export interface DependenciesResult {
  rows: SoqlRecord[];
  /** Queries answered with the cap that could not be split further: their rows may be incomplete. */
  truncated: string[];
  skipped: SkippedPart<'dependencies'>[];
}

interface Slice {
  /** The WHERE clause without ids. */
  where: string;
  /** Ids to split by when the slice is cut; empty when it cannot be split. */
  ids: readonly string[];
  /** Whether the ids are already in the query. */
  byId: boolean;
}

const idClause = (ids: readonly string[]) =>
  `(${ids.map((id) => `MetadataComponentId = ${soqlString(id)}`).join(' OR ')})`;
const soqlOf = (slice: Slice) => {
  const ids = slice.byId ? `${idClause(slice.ids)} AND ` : '';
  return `SELECT ${columns} FROM MetadataComponentDependency WHERE ${ids}${slice.where}`;
};

function groups(ids: readonly string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/**
 * Which objects and fields the org's Apex classes, triggers and flows reference, and what its roll-up
 * summary fields summarize: one Tooling query per component type (a single composite call for most orgs).
 * A query answered with 2,000 rows may have been cut: it is asked again by component id, a hundred ids to a
 * query, halving a group whose answer is cut again.
 */
export async function fetchComponentDependencies(
  client: SalesforceClient,
  plan: DependencyPlan,
): Promise<DependenciesResult> {
  const result: DependenciesResult = { rows: [], truncated: [], skipped: [] };
  let pending: Slice[] = [{ where: `MetadataComponentType = 'Flow'`, ids: [], byId: false }];
  if (plan.apexClassIds)
    pending.push({ where: `MetadataComponentType = 'ApexClass'`, ids: plan.apexClassIds, byId: false });
  if (plan.apexTriggerIds) {
    pending.push({ where: `MetadataComponentType = 'ApexTrigger'`, ids: plan.apexTriggerIds, byId: false });
  }
  if (plan.rollupFieldIds.length > 0) {
    const where = `MetadataComponentType = 'CustomField' AND RefMetadataComponentType = 'CustomField'`;
    pending.push({ where, ids: plan.rollupFieldIds, byId: false });
  }
  while (pending.length > 0) {
    const outcomes = await runQueries(
      client,
      pending.map((slice) => ({ soql: soqlOf(slice), tooling: true })),
    );
    const next: Slice[] = [];
    for (const [index, outcome] of outcomes.entries()) {
      const slice = pending[index] as Slice;
      if ('error' in outcome) {
        if (!isPartRefusal(outcome.error)) throw outcome.error;
        return { rows: [], truncated: [], skipped: [skippedPart('dependencies', outcome.error)] };
      }
      if (outcome.records.length < dependencyRowCap) result.rows.push(...outcome.records);
      else if (!slice.byId && slice.ids.length > 0) {
        next.push(...groups(slice.ids, idsPerQuery).map((ids) => ({ ...slice, ids, byId: true })));
      } else if (slice.byId && slice.ids.length > 1) {
        const half = Math.ceil(slice.ids.length / 2);
        next.push({ ...slice, ids: slice.ids.slice(0, half) }, { ...slice, ids: slice.ids.slice(half) });
      } else {
        result.rows.push(...outcome.records);
        result.truncated.push(slice.byId ? `${slice.where} for ${slice.ids[0]}` : slice.where);
      }
    }
    pending = next;
  }
  return result;
}

/** A row's identity: the component and the component it references. */
export function dependencyKey(row: { MetadataComponentId?: unknown; RefMetadataComponentId?: unknown }): string {
  return `${String(row.MetadataComponentId)}>${String(row.RefMetadataComponentId)}`;
}
