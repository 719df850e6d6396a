import { base62, to18 } from '../salesforce-id.ts';
import type { QueryPlan } from './query-engine.ts';

// Salesforce keeps a bounded number of open cursors per user and forgets the oldest.
const MAX_OPEN = 1000;

/** Open query cursors of one org, named like Salesforce's query locators (01g...). */
export class QueryCursors {
  private readonly open = new Map<string, QueryPlan>();
  private issued = 0;

  add(plan: QueryPlan): string {
    const id = to18(`01g5g${base62(++this.issued, 10)}`);
    this.open.set(id, plan);
    if (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    return id;
  }

  get(id: string): QueryPlan | undefined {
    return this.open.get(id);
  }
}
