import type { SObjectDescribe } from '../describe-types.ts';
import type { Org } from '../generate-org.ts';
import { isReportable, resolveColumn } from '../org/report-columns.ts';
import type { SetupItems } from '../org/setup-items.ts';
import { isIdOf, parseBase62, recordId } from '../salesforce-id.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import type { SetupItemChanges } from './mutation-schema.ts';

/** The kinds of item a SetupDraft edits: their keys in Org. */
export type SetupKind = keyof SetupItems;
type Item<K extends SetupKind> = SetupItems[K][number];

const LABELS: Record<SetupKind, string> = {
  reports: 'a report',
  dashboards: 'a dashboard',
  apexClasses: 'an Apex class',
  apexTriggers: 'an Apex trigger',
};
/** The unique name an item may be named by besides its id. */
const NAME_OF: { [K in SetupKind]: (item: Item<K>) => string } = {
  reports: (r) => r.developerName,
  dashboards: (d) => d.developerName,
  apexClasses: (c) => c.name,
  apexTriggers: (t) => t.name,
};
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The highest n among ids `recordId(prefix, n)`; -1 when there is none. */
function highestIndex(ids: Iterable<string>, prefix: string): number {
  let highest = -1;
  for (const id of ids) {
    if (!id.startsWith(`${prefix}5g`)) continue;
    const n = parseBase62(id.slice(prefix.length + 2, prefix.length + 12));
    if (n > highest) highest = n;
  }
  return highest;
}

/**
 * A working copy of an Org's reports, dashboards, Apex classes and triggers that mutations edit. Copy on write,
 * like OrgDraft: items are replaced, never changed in place. Edits are made by `actor` at `at`.
 */
export class SetupDraft {
  private readonly lists: SetupItems;
  private readonly own = new Set<SetupKind>();
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly lastIndex = new Map<string, number>();

  constructor(
    base: Org,
    readonly at: Date,
    /** Who makes the changes: the user audit columns name. */
    readonly actor: string,
  ) {
    this.lists = {
      reports: base.reports,
      dashboards: base.dashboards,
      apexClasses: base.apexClasses,
      apexTriggers: base.apexTriggers,
    };
  }

  /** The items of a kind as they are now in the draft. */
  list<K extends SetupKind>(kind: K): readonly Item<K>[] {
    return this.lists[kind];
  }

  /** The item `target` names (id, or unique name whatever its case), or InvalidMutationError. */
  get<K extends SetupKind>(kind: K, target: string): Item<K> {
    const lower = target.toLowerCase();
    const nameOf = NAME_OF[kind] as (item: Item<K>) => string;
    const found =
      this.list(kind).find((item) => isIdOf(target, item.id)) ??
      this.list(kind).find((item) => nameOf(item).toLowerCase() === lower);
    if (!found) throw new InvalidMutationError(`there is no ${LABELS[kind].replace(/^an? /, '')} '${target}'`);
    return found;
  }

  /** Refuses a unique name another item of the kind has (`except`, when renaming, may keep its own). */
  checkNameFree(kind: SetupKind, name: string, except?: string): void {
    const nameOf = NAME_OF[kind] as (item: Item<SetupKind>) => string;
    const other = (this.list(kind) as Item<SetupKind>[]).find(
      (item) => item.id !== except && nameOf(item).toLowerCase() === name.toLowerCase(),
    );
    if (other) throw new InvalidMutationError(`there is already ${LABELS[kind]} named ${nameOf(other)}`);
  }

  /** A fresh 18-character id with this key prefix, numbered after every id of `ids` that has it. */
  newId(prefix: string, ids: () => Iterable<string>): string {
    const next = (this.lastIndex.get(prefix) ?? highestIndex(ids(), prefix)) + 1;
    this.lastIndex.set(prefix, next);
    return recordId(prefix, next);
  }

  /** The audit columns of an item this batch creates: made and last changed now, by the batch's actor. */
  stamp() {
    const { at, actor } = this;
    return { systemModstamp: at, createdDate: at, createdById: actor, lastModifiedDate: at, lastModifiedById: actor };
  }

  add<K extends SetupKind>(kind: K, item: Item<K>): void {
    this.editable(kind).push(item);
    this.added.add(item.id);
  }

  /**
   * Replaces the item by `change` applied to it. An edit (`edited`, the default) moves its LastModifiedDate and
   * SystemModstamp to now and names the actor; a consequence of something else leaves them.
   */
  replace<K extends SetupKind>(kind: K, id: string, change: (item: Item<K>) => Item<K>, edited = true): void {
    const list = this.editable(kind);
    const index = list.findIndex((item) => item.id === id);
    const changed = change(list[index]!);
    list[index] = edited
      ? { ...changed, lastModifiedDate: this.at, systemModstamp: this.at, lastModifiedById: this.actor }
      : changed;
    if (!this.added.has(id)) this.changed.add(id);
  }

  remove(kind: SetupKind, id: string): void {
    const list = this.editable(kind);
    list.splice(
      list.findIndex((item) => item.id === id),
      1,
    );
    this.changed.delete(id);
    if (!this.added.delete(id)) this.removed.add(id);
  }

  /**
   * Follows what happened to objects and fields: reports and triggers on an object that is gone go with it, a
   * report loses the columns it can no longer show, a dashboard the components of reports that are gone. Only
   * items that touch `affected` objects (removed, or that lost fields) are looked at.
   */
  follow(describes: ReadonlyMap<string, SObjectDescribe>, affected: ReadonlySet<string>): void {
    if (affected.size === 0) return;
    const objectOf = (column: string) => column.slice(0, column.indexOf('.'));
    for (const report of [...this.lists.reports]) {
      if (!affected.has(report.object) && !report.detailColumns.some((c) => affected.has(objectOf(c)))) continue;
      const object = describes.get(report.object);
      if (!object || !isReportable(object)) {
        this.remove('reports', report.id);
        continue;
      }
      const kept = report.detailColumns.filter((c) => resolveColumn(object, describes, c) === c);
      if (kept.length < report.detailColumns.length) {
        this.replace('reports', report.id, (r) => ({ ...r, detailColumns: kept }), false);
      }
    }
    const reports = new Set(this.lists.reports.map((r) => r.id));
    for (const dashboard of [...this.lists.dashboards]) {
      const kept = dashboard.components.filter((c) => reports.has(c.reportId));
      if (kept.length < dashboard.components.length) {
        this.replace('dashboards', dashboard.id, (d) => ({ ...d, components: kept }), false);
      }
    }
    for (const trigger of [...this.lists.apexTriggers]) {
      if (affected.has(trigger.object) && !describes.has(trigger.object)) this.remove('apexTriggers', trigger.id);
    }
  }

  /** The lists as the mutations left them, and what changed. */
  finish(): { lists: SetupItems; changes: SetupItemChanges } {
    const sorted = (set: Set<string>) => [...set].sort(byName);
    return {
      lists: this.lists,
      changes: { added: sorted(this.added), removed: sorted(this.removed), changed: sorted(this.changed) },
    };
  }

  /** Whether anything changed. */
  get size(): number {
    return this.added.size + this.removed.size + this.changed.size;
  }

  private editable<K extends SetupKind>(kind: K): Item<K>[] {
    if (!this.own.has(kind)) {
      (this.lists as Record<SetupKind, unknown[]>)[kind] = [...this.lists[kind]];
      this.own.add(kind);
    }
    return this.lists[kind] as Item<K>[];
  }
}
