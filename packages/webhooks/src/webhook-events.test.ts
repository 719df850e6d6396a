import { describe, expect, it } from 'vitest';
import { type CatalogChangeSummary, hasChanges } from './webhook-events.ts';

const none = { added: 0, removed: 0, changed: 0 };
const unchanged: CatalogChangeSummary = {
  fromRunId: null,
  toRunId: 'run',
  objects: none,
  fields: none,
  reports: none,
  dashboards: none,
  apexClasses: none,
  apexTriggers: none,
};

describe('hasChanges', () => {
  it('is false when no kind changed', () => {
    expect(hasChanges(unchanged)).toBe(false);
  });

  it.each(['objects', 'fields', 'reports', 'dashboards', 'apexClasses', 'apexTriggers'] as const)(
    'is true when only %s changed',
    (kind) => {
      for (const change of ['added', 'removed', 'changed'] as const) {
        expect(hasChanges({ ...unchanged, [kind]: { ...none, [change]: 1 } })).toBe(true);
      }
    },
  );
});
