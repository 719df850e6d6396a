import { Type, type Static } from 'typebox';
import type { ObjectHistoryEntry as StoredEntry, RunRef } from '@sfmeta/catalog/object-history';
import { Nullable, Timestamp } from './common.ts';

/** One attribute that differs; `old` is absent when it was added, `new` when it was removed. */
export const AttributeChange = Type.Object({
  attribute: Type.String(),
  old: Type.Optional(Type.Unknown()),
  new: Type.Optional(Type.Unknown()),
});

const Run = Type.Object({ id: Type.String({ format: 'uuid' }), extractedAt: Timestamp });

/** What one extraction changed in an object. */
export const ObjectHistoryEntry = Type.Object({
  run: Run,
  previousRun: Nullable(Run),
  change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  attributes: Type.Array(AttributeChange),
  fields: Type.Object({
    added: Type.Array(Type.String()),
    removed: Type.Array(Type.String()),
    changed: Type.Array(Type.Object({ name: Type.String(), attributes: Type.Array(AttributeChange) })),
  }),
});

const run = (ref: RunRef) => ({ id: ref.runId, extractedAt: ref.extractedAt.toISOString() });

export function toHistoryEntry(entry: StoredEntry): Static<typeof ObjectHistoryEntry> {
  return { ...entry, run: run(entry.run), previousRun: entry.previousRun && run(entry.previousRun) };
}
