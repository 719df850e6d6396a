/**
 * What one connection extracts. Objects are chosen by globs on API names (`*` any run of characters,
 * `?` one; case-insensitive, as Salesforce's names are), then the other kinds of metadata by switch.
 */
export interface ExtractionScope {
  objects: {
    /** Objects to extract; empty means all. */
    include: string[];
    /** Objects to leave out, even when included. */
    exclude: string[];
    /** Companion objects (`*Share`, `*History`, `*Feed`, `*ChangeEvent`); false leaves them out. */
    companions: boolean;
  };
  /** Descriptions, namespaces and dates of objects and fields (Tooling EntityDefinition, FieldDefinition). */
  descriptions: boolean;
  /** Who created and last changed custom objects and fields (Tooling CustomObject, CustomField). */
  owners: boolean;
  recordCounts: boolean;
  reports: boolean;
  dashboards: boolean;
  apexClasses: boolean;
  apexTriggers: boolean;
  /**
   * What Apex, triggers, flows and roll-up summary fields reference (Tooling's MetadataComponentDependency, a
   * beta API): the lineage's dependency and roll-up edges.
   */
  dependencies: boolean;
  /** Apex source code (`Body`): only on request, as it can hold secrets and is large. */
  apexSource: boolean;
}

/** A scope as clients send it: any key left out keeps its current (or default) value. */
export type ScopeChanges = Partial<Omit<ExtractionScope, 'objects'>> & {
  objects?: Partial<ExtractionScope['objects']>;
};

/** Everything but Apex source. */
export const defaultScope: ExtractionScope = {
  objects: { include: [], exclude: [], companions: true },
  descriptions: true,
  owners: true,
  recordCounts: true,
  reports: true,
  dashboards: true,
  apexClasses: true,
  apexTriggers: true,
  dependencies: true,
  apexSource: false,
};

/** `changes` applied over `base`; the object patterns are replaced as lists, not merged. */
export function applyScopeChanges(base: ExtractionScope, changes: ScopeChanges | undefined): ExtractionScope {
  if (!changes) return base;
  return { ...base, ...changes, objects: { ...base.objects, ...changes.objects } };
}

/** Suffixes of the objects Salesforce derives from another one (sharing, field history, feed, change events). */
const COMPANION_SUFFIXES = ['Share', 'FieldHistory', 'History', 'Feed', 'ChangeEvent'];

/**
 * The object `name` is a companion of, when `listed` holds it: `AccountShare` and `OpportunityFieldHistory`
 * belong to `Account` and `Opportunity`, `Invoice__History` to `Invoice__c`. `LoginHistory` belongs to nothing.
 */
export function companionOf(name: string, listed: ReadonlySet<string>): string | undefined {
  for (const suffix of COMPANION_SUFFIXES) {
    if (!name.endsWith(suffix) || name.length === suffix.length) continue;
    const stem = name.slice(0, -suffix.length);
    const parent = stem.endsWith('__') ? `${stem}c` : stem;
    if (listed.has(parent)) return parent;
  }
  return undefined;
}

/** A glob as a case-insensitive regular expression over the whole name. */
function globPattern(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

/** The objects of `listed` (describeGlobal's names) that `scope` keeps, in their order. */
export function objectsInScope(scope: ExtractionScope, listed: readonly string[]): string[] {
  const include = scope.objects.include.map(globPattern);
  const exclude = scope.objects.exclude.map(globPattern);
  const all = new Set(listed);
  return listed.filter(
    (name) =>
      (include.length === 0 || include.some((p) => p.test(name))) &&
      !exclude.some((p) => p.test(name)) &&
      (scope.objects.companions || companionOf(name, all) === undefined),
  );
}
