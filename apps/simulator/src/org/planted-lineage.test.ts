import { describe, expect, it } from 'vitest';
import { generateOrg, type Org } from '../generate-org.ts';
import { applyMutations } from '../mutations/apply-mutations.ts';
import { orgInconsistencies } from '../mutations/org-consistency.ts';
import { randomMutations } from '../mutations/random-mutations.ts';
import { testOrgSpec } from '../test-support.ts';
import { EDGE_KINDS, edgeKey, type LineageEdge } from './lineage-edge.ts';
import { plantedLineage } from './planted-lineage.ts';

const org = generateOrg(testOrgSpec({ customObjects: 20, fieldsPerObject: 30 }));
const { edges } = plantedLineage(org);
const ofKind = (kind: LineageEdge['kind']) => edges.filter((e) => e.kind === kind);

/** Whether a node is in the org: an object, a field of one, or a report, dashboard, class, trigger or flow. */
function exists(o: Org, node: string): boolean {
  const [kind, id] = node.split(':') as [string, string | undefined];
  if (id !== undefined) {
    const lists: Record<string, { id: string }[]> = {
      report: o.reports,
      dashboard: o.dashboards,
      apex_class: o.apexClasses,
      apex_trigger: o.apexTriggers,
      flow: o.flows,
    };
    return lists[kind]?.some((item) => item.id === id) ?? false;
  }
  const [object, field] = node.split('.') as [string, string | undefined];
  const describe = o.describes.get(object);
  return field === undefined ? describe !== undefined : (describe?.fields.some((f) => f.name === field) ?? false);
}

describe('plantedLineage', () => {
  it('plants every kind of edge, each once, sorted, with only the details of its kind', () => {
    expect(new Set(edges.map((e) => e.kind))).toEqual(new Set(EDGE_KINDS));
    const keys = edges.map(edgeKey);
    expect(new Set(keys).size).toBe(keys.length);
    const order = edges.map((e) => EDGE_KINDS.indexOf(e.kind));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const allowed: Record<LineageEdge['kind'], string[]> = {
      reference: ['field', 'relationshipName', 'relationType', 'polymorphic'],
      formula: ['origin', 'paths'],
      rollup: ['refType'],
      report_object: [],
      report_field: ['columns'],
      dashboard_report: [],
      trigger_object: [],
      dependency: ['componentType', 'refType'],
    };
    for (const e of edges) expect(Object.keys(e.detail).sort(), e.kind).toEqual([...allowed[e.kind]].sort());
    for (const e of edges)
      expect(exists(org, e.source) && exists(org, e.target), `${e.source} -> ${e.target}`).toBe(true);
  });

  it('follows the reference rule: one edge per referenceTo entry, typed by relationship', () => {
    const references = ofKind('reference');
    const count = [...org.describes.values()].reduce(
      (n, d) => n + d.fields.reduce((m, f) => m + (f.type === 'reference' ? f.referenceTo.length : 0), 0),
      0,
    );
    expect(references).toHaveLength(count);
    const byField = (field: string) => references.filter((e) => e.detail.field === field);
    expect(byField('Contact.AccountId')).toEqual([
      {
        kind: 'reference',
        source: 'Account',
        target: 'Contact',
        detail: { field: 'Contact.AccountId', relationshipName: 'Account', relationType: 'lookup', polymorphic: false },
      },
    ]);
    expect(byField('Account.ParentId')[0]!.detail.relationType).toBe('hierarchy');
    expect(byField('Case.OwnerId').map((e) => [e.source, e.detail.polymorphic])).toEqual([
      ['Group', true],
      ['User', true],
    ]);
    const detail = org.rollups[0]!;
    expect(byField(`${detail.detail}.${detail.relationshipField}`)[0]!.detail.relationType).toBe('master_detail');
  });

  it('resolves formula paths to the field they end on, merging the paths that read the same field', () => {
    const managerEmail = ofKind('formula').find((e) => e.target === 'Contact.Account_Manager_Email__c')!;
    expect(managerEmail).toEqual({
      kind: 'formula',
      source: 'User.Email',
      target: 'Contact.Account_Manager_Email__c',
      detail: { origin: 'calculatedFormula', paths: ['$User.Email', 'Account.Owner.Manager.Email'] },
    });
    const setting = ofKind('formula').filter((e) => e.source.startsWith('Org_Settings__c.'));
    expect(setting.length).toBeGreaterThan(0);
    for (const e of setting) expect(e.detail.paths!.every((p) => p.startsWith('$Setup.Org_Settings__c.'))).toBe(true);
    expect(ofKind('formula').some((e) => e.detail.origin === 'defaultValueFormula')).toBe(true);
    expect(ofKind('formula').some((e) => e.detail.paths!.some((p) => p.startsWith('$Label')))).toBe(false);
    expect(ofKind('formula').some((e) => e.source === 'Organization.Name')).toBe(true);
    for (const e of ofKind('formula')) {
      const [object, field] = e.target.split('.') as [string, string];
      const f = org.describes.get(object)!.fields.find((x) => x.name === field)!;
      for (const path of e.detail.paths!) expect(f[e.detail.origin!]).toContain(path);
    }
  });

  it('plants roll-ups, reports, dashboards, triggers and dependencies from what the generator recorded', () => {
    for (const r of org.rollups) {
      const source = r.summarized === null ? r.detail : `${r.detail}.${r.summarized}`;
      expect(ofKind('rollup')).toContainEqual({
        kind: 'rollup',
        source,
        target: `${r.master}.${r.field}`,
        detail: { refType: r.summarized === null ? 'CustomObject' : 'CustomField' },
      });
    }
    const report = org.reports.find((r) => r.reportType.startsWith('CustomEntity$'))!;
    expect(ofKind('report_object')).toContainEqual({
      kind: 'report_object',
      source: report.object,
      target: `report:${report.id}`,
      detail: {},
    });
    for (const column of report.detailColumns) {
      expect(ofKind('report_field')).toContainEqual({
        kind: 'report_field',
        source: column,
        target: `report:${report.id}`,
        detail: { columns: [column] },
      });
    }
    const dashboard = org.dashboards.find((d) => d.components.length > 0)!;
    const charted = new Set(dashboard.components.map((c) => `report:${c.reportId}`));
    expect(
      ofKind('dashboard_report')
        .filter((e) => e.target === `dashboard:${dashboard.id}`)
        .map((e) => e.source),
    ).toEqual(expect.arrayContaining([...charted]));
    for (const t of org.apexTriggers) {
      expect(ofKind('trigger_object')).toContainEqual({
        kind: 'trigger_object',
        source: t.object,
        target: `apex_trigger:${t.id}`,
        detail: {},
      });
    }
    const dependencies = ofKind('dependency');
    expect(new Set(dependencies.map((e) => e.detail.componentType))).toEqual(
      new Set(['ApexClass', 'ApexTrigger', 'Flow']),
    );
    expect(new Set(dependencies.map((e) => e.detail.refType))).toEqual(
      new Set(['CustomObject', 'CustomField', 'StandardEntity']),
    );
    for (const e of dependencies) {
      expect(e.detail.refType === 'CustomField').toBe(e.source.includes('.'));
      expect(e.target).toMatch(/^(apex_class:01p|apex_trigger:01q|flow:301)\w{15}$/);
    }
  });

  it('stays true after random mutations: every edge joins nodes the org still has', () => {
    for (let seed = 0; seed < 8; seed++) {
      const mutated = applyMutations(org, randomMutations(org, { seed, count: 40 }), new Date()).org;
      expect(orgInconsistencies(mutated), `seed ${seed}`).toEqual([]);
      for (const e of plantedLineage(mutated).edges) {
        expect(exists(mutated, e.source) && exists(mutated, e.target), `seed ${seed}: ${e.kind} ${e.source}`).toBe(
          true,
        );
      }
    }
  });
});
