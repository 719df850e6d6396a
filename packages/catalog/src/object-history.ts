import { type AttributeChange, attributeChanges } from './change-history.ts';
import type { Json } from './json.ts';

/** A succeeded run, as history refers to it. */
export interface RunRef {
  runId: string;
  seq: number;
  extractedAt: Date;
}

/** A version of an object or of one of its fields, valid from one run's seq until another's. */
export interface ItemVersion {
  kind: string;
  name: string;
  content: Json;
  fromSeq: number;
  toSeq: number | null;
}

/** What one run changed in an object: the object itself, and its fields. */
export interface ObjectHistoryEntry {
  run: RunRef;
  /** The previous run, which still had the object as it was before; null when the object first appeared. */
  previousRun: RunRef | null;
  change: 'added' | 'removed' | 'changed';
  attributes: AttributeChange[];
  fields: {
    added: string[];
    removed: string[];
    changed: { name: string; attributes: AttributeChange[] }[];
  };
}

/**
 * An object's history, oldest first, from its versions and its fields': one entry per run that
 * changed it. A removed object's last entry says so, and its previous run is the last that saw it.
 */
export function objectHistory(versions: readonly ItemVersion[], runs: readonly RunRef[]): ObjectHistoryEntry[] {
  const bySeq = new Map(runs.map((run) => [run.seq, run]));
  const boundaries = [...new Set(versions.flatMap((v) => (v.toSeq === null ? [v.fromSeq] : [v.fromSeq, v.toSeq])))]
    .filter((seq) => bySeq.has(seq))
    .sort((a, b) => a - b);
  const ordered = [...runs].sort((a, b) => a.seq - b.seq);
  const entries: ObjectHistoryEntry[] = [];
  for (const seq of boundaries) {
    const before = stateAt(versions, seq - 0.5);
    const after = stateAt(versions, seq);
    const change = !before.object ? (after.object ? 'added' : undefined) : after.object ? 'changed' : 'removed';
    if (!change) continue;
    const fields = fieldChanges(before.fields, after.fields);
    const attributes = before.object && after.object ? attributeChanges(before.object, after.object) : [];
    const nothing = fields.added.length + fields.removed.length + fields.changed.length + attributes.length === 0;
    if (change === 'changed' && nothing) continue;
    const previous = ordered.filter((run) => run.seq < seq).at(-1);
    entries.push({
      run: bySeq.get(seq) as RunRef,
      previousRun: before.object ? (previous ?? null) : null,
      change,
      attributes,
      fields,
    });
  }
  return entries;
}

function stateAt(versions: readonly ItemVersion[], seq: number): { object?: Json; fields: Map<string, Json> } {
  const valid = versions.filter((v) => v.fromSeq <= seq && (v.toSeq === null || v.toSeq > seq));
  const object = valid.find((v) => v.kind === 'object')?.content;
  const fields = new Map(valid.filter((v) => v.kind === 'field').map((v) => [v.name, v.content]));
  return object ? { object, fields } : { fields: new Map() };
}

function fieldChanges(before: Map<string, Json>, after: Map<string, Json>): ObjectHistoryEntry['fields'] {
  const added = [...after.keys()].filter((name) => !before.has(name)).sort();
  const removed = [...before.keys()].filter((name) => !after.has(name)).sort();
  const changed = [...after.entries()]
    .filter(([name]) => before.has(name))
    .map(([name, content]) => ({ name, attributes: attributeChanges(before.get(name) as Json, content) }))
    .filter((field) => field.attributes.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return { added, removed, changed };
}
