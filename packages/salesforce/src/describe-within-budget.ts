import pMap from 'p-map';
import type { ApiUsage } from './response-capture.ts';
import { SalesforceError } from './salesforce-error.ts';
import { isPartRefusal } from './skipped-part.ts';

/** One item's describe, or why there is none (`BUDGET: ...`, `NOT_FOUND: ...`, `INSUFFICIENT_ACCESS: ...`). */
export type DescribeOutcome<T> = { describe: T } | { reason: string };

/** How many describes describeWithinBudget may spend, and how many at once. */
export interface DescribeBudget {
  /** Describes (API calls) this run may spend. */
  maxCalls: number;
  concurrency: number;
  /** The org's daily API usage as last reported (`() => client.apiUsage`). */
  apiUsage?: () => ApiUsage | undefined;
  /** The share of the daily maximum (0..1) kept for the rest of the crawl and other integrations; 0.1 by default. */
  reserve?: number;
}

/**
 * Describes `ids` one call each, `concurrency` at a time, as far as the budget goes: past `maxCalls`,
 * or once the org's known daily usage leaves less than the reserve, the remaining ids get a `BUDGET`
 * reason. Items Salesforce refuses or no longer has get their error as the reason. Any other error
 * throws, after the describes in flight have finished.
 */
export async function describeWithinBudget<T>(
  ids: readonly string[],
  describe: (id: string) => Promise<T>,
  budget: DescribeBudget,
): Promise<Map<string, DescribeOutcome<T>>> {
  const reserve = budget.reserve ?? 0.1;
  const outcomes = new Map<string, DescribeOutcome<T>>();
  let calls = 0;
  let failure: { error: unknown } | undefined;
  const overBudget = (): string | undefined => {
    if (calls >= budget.maxCalls) return `BUDGET: this run may spend ${budget.maxCalls} calls on describes`;
    const usage = budget.apiUsage?.();
    if (usage && usage.max - usage.used < usage.max * reserve) {
      const percent = Math.round(reserve * 100);
      return `BUDGET: daily API usage ${usage.used}/${usage.max} leaves less than the ${percent} % reserve`;
    }
    return undefined;
  };
  await pMap(
    ids,
    async (id) => {
      if (failure) return;
      const refused = overBudget();
      if (refused) {
        outcomes.set(id, { reason: refused });
        return;
      }
      calls++;
      try {
        outcomes.set(id, { describe: await describe(id) });
      } catch (error) {
        if (isPartRefusal(error) || (error instanceof SalesforceError && error.code === 'NOT_FOUND')) {
          outcomes.set(id, { reason: `${error.code}: ${error.message}` });
        } else {
          failure ??= { error };
        }
      }
    },
    { concurrency: budget.concurrency },
  );
  if (failure) throw failure.error;
  return new Map(ids.flatMap((id) => (outcomes.has(id) ? [[id, outcomes.get(id)!] as const] : [])));
}
