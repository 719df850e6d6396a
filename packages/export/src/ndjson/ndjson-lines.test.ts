import { edgeKey } from '@sfmeta/catalog/lineage/lineage-types';
import { describe, expect, it } from 'vitest';
import { exportLines } from '../export-lines.ts';
import { CONTEXT, collect, exportRecords, streamOf } from '../fixtures/export-records.ts';
import { createNdjsonValidator, ndjsonSchema } from '../fixtures/schema-validators.ts';

type Line = Record<string, unknown> & { type: string };

async function lines(): Promise<Line[]> {
  const text = await collect(exportLines(streamOf(exportRecords()), 'ndjson', CONTEXT));
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** The properties the schema declares for a line type (its definition and the definitions it builds on). */
function declaredProperties(definition: string): Set<string> {
  const defs = ndjsonSchema.$defs as Record<string, { properties?: object; allOf?: { $ref: string }[] }>;
  const def = defs[definition];
  if (!def) throw new Error(`no $defs/${definition}`);
  const inherited = (def.allOf ?? []).flatMap((ref) => [...declaredProperties(ref.$ref.replace('#/$defs/', ''))]);
  return new Set([...Object.keys(def.properties ?? {}), ...inherited]);
}

const DEFINITIONS: Record<string, string> = {
  object: 'objectLine',
  field: 'fieldLine',
  report: 'reportLine',
  dashboard: 'dashboardLine',
  apex_class: 'apexClassLine',
  apex_trigger: 'apexTriggerLine',
  flow: 'flowLine',
  edge: 'edgeLine',
};

describe('the NDJSON export', () => {
  it('writes lines the v1 schema accepts, with no property the schema does not declare', async () => {
    const validate = createNdjsonValidator();
    for (const line of await lines()) {
      expect(validate(line), JSON.stringify(line)).toEqual([]);
      const declared = declaredProperties(DEFINITIONS[line.type] ?? 'line');
      expect(
        Object.keys(line).filter((key) => !declared.has(key)),
        line.type,
      ).toEqual([]);
    }
  });

  it('writes one line per object, field, report, dashboard, class, trigger, flow and edge', async () => {
    const records = exportRecords();
    const all = await lines();
    const count = (type: string) => all.filter((line) => line.type === type).length;
    expect(count('object')).toBe(4);
    expect(count('field')).toBe(22);
    expect([count('report'), count('dashboard'), count('apex_class'), count('apex_trigger'), count('flow')]).toEqual([
      1, 1, 1, 1, 1,
    ]);
    const edges = all.filter((line) => line.type === 'edge') as unknown as Parameters<typeof edgeKey>[0][];
    const expected = records.flatMap((record) => record.upstream).map(edgeKey);
    expect(edges.map(edgeKey).sort()).toEqual(expected.sort());
    expect(all.every((line) => line.connectionId === CONTEXT.connectionId && line.runId === CONTEXT.runId)).toBe(true);
  });

  it('writes objects without their fields, and fields with their object and their Salesforce type', async () => {
    const all = await lines();
    const account = all.find((line) => line.type === 'object' && line.name === 'Account');
    expect(account).toMatchObject({ schemaVersion: 1, fieldCount: 10, description: 'A company.' });
    expect(account).not.toHaveProperty('fields');
    const industry = all.find((line) => line.type === 'field' && line.name === 'Industry');
    expect(industry).toMatchObject({ object: 'Account', fieldType: 'picklist', type: 'field' });
    const dashboard = all.find((line) => line.type === 'dashboard');
    expect(dashboard).toMatchObject({ dashboardType: 'SpecifiedUser', reportIds: ['00O000000000001AAA'] });
  });

  it('rejects a line the schema does not describe, and accepts what a later v1 may add', () => {
    const validate = createNdjsonValidator();
    const base = { schemaVersion: 1, connectionId: 'c', runId: 'r' };
    expect(validate({ ...base, type: 'edge', kind: 'reference', source: 'A', detail: {} })).not.toEqual([]);
    expect(validate({ ...base, type: 'object', label: 'No name' })).not.toEqual([]);
    // Additive changes keep version 1: a new edge kind, a new line type.
    expect(validate({ ...base, type: 'edge', kind: 'validation_rule', source: 'A', target: 'B', detail: {} })).toEqual(
      [],
    );
    expect(validate({ ...base, type: 'permission_set', id: '0PS' })).toEqual([]);
    expect(validate({ ...base, type: 'flow', id: '301' })).not.toEqual([]);
    expect(validate({ ...base, schemaVersion: 2, type: 'flow', id: '301', name: null })).not.toEqual([]);
  });
});
