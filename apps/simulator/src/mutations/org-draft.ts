import type { DescribeGlobalSObject, FieldDescribe, SObjectDescribe } from '../describe-types.ts';
import type { EntityMetadata, FieldMetadata, Org } from '../generate-org.ts';
import { CHANGE_EVENT_HEADER_FIELDS, changeEventCopies, companionName } from '../org/companion-objects.ts';
import { DESCRIBE_VERSION_PATH } from '../org/object-describe.ts';
import { base62, parseBase62 } from '../salesforce-id.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import type { MutationResult } from './mutation-schema.ts';
import type { PlantedFormula, PlantedRollup } from '../org/lineage-plan.ts';
import type { LineageView } from './lineage-usage.ts';
import { SetupDraft } from './setup-draft.ts';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The largest n among ids `prefix + base62(n, 10)` found in `ids`; 0 when there is none. */
function highestIndex(ids: Iterable<string>, prefix: string): number {
  let highest = 0;
  for (const id of ids) {
    const at = id.lastIndexOf(prefix);
    if (at < 0) continue;
    const n = parseBase62(id.slice(at + prefix.length, at + prefix.length + 10));
    if (n > highest) highest = n;
  }
  return highest;
}

/**
 * A working copy of an Org that mutations edit; `finish` gives the new Org. Copy on write: describes, entities and
 * fields are replaced, never changed in place, so the Org it started from (and anything still reading it, such as
 * an open query cursor) stays as it was, and a batch that fails leaves no trace.
 */
export class OrgDraft {
  private readonly describes: Map<string, SObjectDescribe>;
  private readonly globalEntries: Map<string, DescribeGlobalSObject>;
  private readonly entities: Map<string, EntityMetadata>;
  private readonly recordCounts: Map<string, number>;
  /** Lower-case name to canonical: Salesforce matches names case-insensitively. */
  private readonly names = new Map<string, string>();
  /** Describes and entities already copied into this draft, which may be edited in place. */
  private readonly ownDescribes = new Set<string>();
  private readonly ownEntities = new Set<string>();
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly touched = new Set<string>();
  /** Objects that lost fields: reports showing them may lose columns. */
  private readonly lostFields = new Set<string>();
  /** Per object, the fields added or changed: its ChangeEvent copies them when the draft is finished. */
  private readonly changedFields = new Map<string, Set<string>>();
  /** The highest numbers in Tooling durable ids so far, found when a new object or field first needs one. */
  private lastEntityIndex: number | undefined;
  private lastFieldIndex: number | undefined;
  /** The prefix of the `urls` in describes (Salesforce's are relative: ''). */
  readonly baseUrl: string;
  /** Reports, dashboards, Apex classes and triggers. */
  readonly setup: SetupDraft;
  /** The recorded formulas and roll-ups; mutations replace entries, `finish` drops those whose field is gone. */
  formulas: PlantedFormula[];
  rollups: PlantedRollup[];
  /**
   * Who makes the changes, named in LastModifiedById and CreatedById: the org's admin, its first active user after
   * the API user (the API user when there is none).
   */
  readonly actor: string;

  constructor(
    private readonly base: Org,
    /** When the changes happen: the new last-modified time of everything they touch. */
    readonly at: Date,
  ) {
    this.describes = new Map(base.describes);
    this.globalEntries = new Map(base.describeGlobal.sobjects.map((s) => [s.name, s]));
    this.entities = new Map(base.entities);
    this.recordCounts = new Map(base.recordCounts);
    for (const name of this.describes.keys()) this.names.set(name.toLowerCase(), name);
    const first = base.describeGlobal.sobjects[0];
    const suffix = first ? `${DESCRIBE_VERSION_PATH}/sobjects/${first.name}` : '';
    this.baseUrl = first?.urls.sobject.slice(0, -suffix.length) ?? '';
    this.actor = base.users.find((u) => u.isActive && u.id !== base.userId)?.id ?? base.userId;
    this.setup = new SetupDraft(base, at, this.actor);
    this.formulas = [...base.formulas];
    this.rollups = [...base.rollups];
  }

  /** The objects and the lineage plan as they are now in the draft: what decides whether a field is in use. */
  lineageView(): LineageView {
    return {
      describes: this.describes,
      formulas: this.formulas,
      rollups: this.rollups,
      apexClasses: this.setup.list('apexClasses'),
      apexTriggers: this.setup.list('apexTriggers'),
      flows: this.base.flows,
    };
  }

  /** The object by any spelling of its name, as it is now in the draft. */
  find(name: string): SObjectDescribe | undefined {
    const canonical = this.names.get(name.toLowerCase());
    return canonical === undefined ? undefined : this.describes.get(canonical);
  }

  /** The object, or InvalidMutationError. */
  get(name: string): SObjectDescribe {
    const describe = this.find(name);
    if (!describe) throw new InvalidMutationError(`there is no sObject '${name}'`);
    return describe;
  }

  /** Every object as it is now in the draft. */
  all(): IterableIterator<SObjectDescribe> {
    return this.describes.values();
  }

  /** EntityDefinition.IsCustomizable: whether an admin may change the object (companions and a few setup ones not). */
  isCustomizable(name: string): boolean {
    return this.entities.get(name)?.isCustomizable ?? false;
  }

  /** The object's ChangeEvent companion, if it has one. */
  changeEventOf(name: string): SObjectDescribe | undefined {
    return this.describes.get(companionName(name, 'ChangeEvent'));
  }

  /** Key prefixes in use. */
  keyPrefixes(): Set<string> {
    return new Set([...this.describes.values()].map((d) => d.keyPrefix).filter((p): p is string => p !== null));
  }

  /** An editable copy of the object (its fields and child relationships too); marks it changed, in Tooling too. */
  edit(name: string): SObjectDescribe {
    const current = this.get(name);
    this.touched.add(current.name);
    this.entity(current.name);
    if (this.ownDescribes.has(current.name)) return current;
    const copy = { ...current, fields: [...current.fields], childRelationships: [...current.childRelationships] };
    this.describes.set(current.name, copy);
    this.ownDescribes.add(current.name);
    return copy;
  }

  /** Replaces the object's describeGlobal entry by `change` applied to it. */
  editGlobalEntry(name: string, change: (entry: DescribeGlobalSObject) => DescribeGlobalSObject): void {
    const entry = this.globalEntries.get(name);
    if (entry) this.globalEntries.set(name, change(entry));
  }

  /** The object's EntityDefinition.DurableId: its CustomObject id when custom, its name otherwise. */
  durableId(name: string): string {
    return this.entities.get(name)?.durableId ?? name;
  }

  /** Marks the object changed now, its describe left as it is (descriptions live in Tooling); its editable metadata. */
  touch(name: string): EntityMetadata {
    const current = this.get(name);
    this.touched.add(current.name);
    return this.entity(current.name);
  }

  /** An editable copy of the object's Tooling metadata, with its time moved to now and the actor as its editor. */
  entity(name: string): EntityMetadata {
    const current = this.entities.get(name);
    if (!current) throw new Error(`no entity metadata for '${name}'`);
    if (this.ownEntities.has(name)) return current;
    const copy = { ...current, fields: new Map(current.fields), lastModified: this.at, lastModifiedById: this.actor };
    this.entities.set(name, copy);
    this.ownEntities.add(name);
    return copy;
  }

  /** Records that a field of the object was added or changed now: Tooling's date, and its ChangeEvent's copy. */
  fieldChanged(object: string, field: string, description?: string | null): void {
    const fields = this.entity(object).fields;
    const previous = fields.get(field);
    fields.set(field, {
      durableId: previous?.durableId ?? this.fieldDurableId(object, field),
      description: description === undefined ? (previous?.description ?? null) : description,
      lastModified: this.at,
      namespacePrefix: previous?.namespacePrefix ?? null,
      manageableState: previous?.manageableState ?? 'unmanaged',
      createdDate: previous?.createdDate ?? this.at,
      createdById: previous?.createdById ?? this.actor,
      lastModifiedById: this.actor,
    });
    const changed = this.changedFields.get(object) ?? new Set<string>();
    changed.add(field);
    this.changedFields.set(object, changed);
  }

  /** Records a field's new Tooling description; its describe stays as it is, its object's time moves. */
  fieldDescribed(object: string, field: string, description: string | null): void {
    const fields = this.touch(object).fields;
    const previous = fields.get(field);
    if (!previous) throw new Error(`no field metadata for '${object}.${field}'`);
    fields.set(field, { ...previous, description, lastModified: this.at, lastModifiedById: this.actor });
  }

  /** Records that a field of the object is gone. */
  fieldRemoved(object: string, field: string): void {
    this.lostFields.add(object);
    this.entity(object).fields.delete(field);
    this.changedFields.set(object, this.changedFields.get(object) ?? new Set<string>());
  }

  /** Adds a new object; `fields` metadata is derived from its describe. */
  add(describe: SObjectDescribe, entry: DescribeGlobalSObject, description: string | null): void {
    const { name } = describe;
    this.describes.set(name, describe);
    this.globalEntries.set(name, entry);
    this.names.set(name.toLowerCase(), name);
    this.ownDescribes.add(name);
    // A fresh object has no records.
    if (describe.queryable) this.recordCounts.set(name, 0);
    this.lastEntityIndex ??= highestIndex(
      [...this.entities.values()].map((e) => e.durableId),
      '01I5g',
    );
    const durableId = `01I5g${base62(++this.lastEntityIndex, 10)}`;
    const fields = new Map<string, FieldMetadata>();
    this.entities.set(name, {
      durableId,
      description,
      isCustomizable: true,
      lastModified: this.at,
      fields,
      namespacePrefix: null,
      manageableState: 'unmanaged',
      createdDate: this.at,
      createdById: this.actor,
      lastModifiedById: this.actor,
    });
    this.ownEntities.add(name);
    for (const f of describe.fields) this.fieldChanged(name, f.name, null);
    if (this.removed.delete(name)) this.touched.add(name);
    else this.added.add(name);
  }

  /** Removes an object; what referred to it is the caller's business. */
  remove(name: string): void {
    this.describes.delete(name);
    this.globalEntries.delete(name);
    this.entities.delete(name);
    this.recordCounts.delete(name);
    this.names.delete(name.toLowerCase());
    this.touched.delete(name);
    this.changedFields.delete(name);
    if (!this.added.delete(name)) this.removed.add(name);
  }

  /** The new Org and what changed. */
  finish(): { org: Org; result: MutationResult } {
    this.followChangeEvents();
    this.setup.follow(this.describes, new Set([...this.removed, ...this.lostFields]));
    const setup = this.setup.finish();
    // Report and Dashboard count what the lists hold.
    if (this.recordCounts.has('Report')) this.recordCounts.set('Report', setup.lists.reports.length);
    if (this.recordCounts.has('Dashboard')) this.recordCounts.set('Dashboard', setup.lists.dashboards.length);
    const changes = this.added.size + this.removed.size + this.touched.size;
    const listChanged = this.added.size + this.removed.size > 0;
    const names = listChanged ? [...this.describes.keys()].sort(byName) : [...this.describes.keys()];
    const objectsModified = new Map(this.base.objectsModified);
    for (const name of this.removed) objectsModified.delete(name);
    for (const name of [...this.added, ...this.touched]) objectsModified.set(name, this.at);
    const org: Org = {
      ...this.base,
      lastModified: changes > 0 ? this.at : this.base.lastModified,
      listModified: listChanged ? this.at : this.base.listModified,
      objectsModified,
      describeGlobal: { ...this.base.describeGlobal, sobjects: names.map((n) => this.globalEntries.get(n)!) },
      describes: new Map(names.map((n) => [n, this.describes.get(n)!])),
      recordCounts: this.recordCounts,
      entities: this.entities,
      ...setup.lists,
      ...this.livePlan(),
    };
    const sorted = (set: Set<string>) => [...set].sort(byName);
    return {
      org,
      result: {
        added: sorted(this.added),
        removed: sorted(this.removed),
        changed: sorted(new Set([...this.touched].filter((n) => !this.added.has(n)))),
        setupItems: setup.changes,
        modifiedAt: changes + this.setup.size > 0 ? this.at.toISOString() : null,
      },
    };
  }

  /** The formulas and roll-ups whose fields are still there and still what was planted. */
  private livePlan(): { formulas: PlantedFormula[]; rollups: PlantedRollup[] } {
    const field = (object: string, name: string) => this.describes.get(object)?.fields.find((f) => f.name === name);
    const formulas = this.formulas.filter((p) => {
      const f = field(p.object, p.field);
      return p.origin === 'calculatedFormula' ? f?.calculatedFormula != null : f?.defaultValueFormula != null;
    });
    const rollups = this.rollups.filter(
      (r) => field(r.master, r.field) !== undefined && field(r.detail, r.relationshipField) !== undefined,
    );
    return { formulas, rollups };
  }

  /** A ChangeEvent carries a copy of its object's fields: it follows every object whose fields changed. */
  private followChangeEvents(): void {
    for (const [object, fields] of [...this.changedFields]) {
      const parent = this.describes.get(object);
      const event = this.changeEventOf(object);
      if (!parent || !event) continue;
      const copy = this.edit(event.name);
      const header = copy.fields.filter((f) => CHANGE_EVENT_HEADER_FIELDS.includes(f.name));
      const copied = changeEventCopies(parent.fields);
      copy.fields = [...header, ...copied];
      const kept = new Set(copy.fields.map((f: FieldDescribe) => f.name));
      for (const name of this.entity(event.name).fields.keys()) {
        if (!kept.has(name)) this.fieldRemoved(event.name, name);
      }
      for (const f of copied) {
        if (fields.has(f.name) || !this.entity(event.name).fields.has(f.name)) this.fieldChanged(event.name, f.name);
      }
    }
  }

  /** Tooling's durable id of a new field: `Entity.00N...` for custom fields, `Entity.Name` for standard ones. */
  private fieldDurableId(object: string, field: string): string {
    const entity = this.entity(object).durableId;
    const custom = this.describes.get(object)?.fields.find((f) => f.name === field)?.custom ?? false;
    if (!custom) return `${entity}.${field}`;
    this.lastFieldIndex ??= highestIndex(
      [...this.entities.values()].flatMap((e) => [...e.fields.values()].map((f) => f.durableId)),
      '.00N5g',
    );
    return `${entity}.00N5g${base62(++this.lastFieldIndex, 10)}`;
  }
}
