import { describe, expect, it } from 'vitest';
import { buildLineage } from './build-lineage.ts';
import { dependency, field, formula, lineageInput, object, reference, smallOrg } from './fixtures/lineage-catalog.ts';
import { EDGE_KINDS, edgeKey, type LineageInput } from './lineage-types.ts';

// One of each kind of input over the small org.
const everything = (): LineageInput =>
  lineageInput({
    objects: smallOrg().map((item) =>
      item.name === 'Contact' ? { ...item, fields: [...item.fields, formula('Boss__c', 'Account.Owner.Email')] } : item,
    ),
    reports: [{ id: 'R1', reportType: 'ContactList', columns: ['Contact.Email', 'Account.Name'] }],
    dashboards: [{ id: 'D1', reportIds: ['R1'] }],
    triggers: [{ id: 'T1', tableEnumOrId: 'Contact' }],
    dependencies: [
      dependency(
        { id: '00N5g0000INVTOT', name: 'Total', type: 'CustomField' },
        { id: '00N5g0000LINAMT', name: 'Amount', type: 'CustomField' },
      ),
      dependency(
        { id: '01p000000000001', name: 'Service', type: 'ApexClass' },
        { id: 'Contact', name: 'Contact', type: 'StandardEntity' },
      ),
    ],
  });

const reversed = (input: LineageInput): LineageInput => ({
  objects: [...input.objects].reverse().map((item) => ({ ...item, fields: [...item.fields].reverse() })),
  reports: [...input.reports].reverse().map((report) => ({ ...report, columns: [...report.columns].reverse() })),
  dashboards: [...input.dashboards].reverse(),
  triggers: [...input.triggers].reverse(),
  dependencies: [...input.dependencies].reverse(),
});

describe('buildLineage', () => {
  it('gives edges of every kind, sorted by edgeKey', () => {
    const { edges, warnings } = buildLineage(everything());
    expect(warnings).toEqual([]);
    expect(new Set(edges.map((edge) => edge.kind))).toEqual(new Set(EDGE_KINDS));
    const keys = edges.map(edgeKey);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives the same lineage whatever the order of its input', () => {
    expect(buildLineage(reversed(everything()))).toEqual(buildLineage(everything()));
  });

  it('does not change its input', () => {
    const input = everything();
    const copy = structuredClone(input);
    buildLineage(input);
    expect(input).toEqual(copy);
  });

  it('turns malformed input into warnings or nothing, never an exception', () => {
    const malformed = {
      objects: [
        null,
        { name: null, durableId: null, fields: [] },
        { name: 'Broken', durableId: 12, fields: null },
        {
          name: 'Odd',
          durableId: 'Odd',
          fields: [
            { ...field('Ref__c'), type: 'reference', referenceTo: null, relationshipName: 'Ref__r' },
            { ...field('Many__c'), type: 'reference', referenceTo: [null, '', 'Odd'] },
            null,
            { ...field(''), calculatedFormula: 'Name' },
            formula('Uses__c', 'Ref__r.Name & Missing__c'),
            { ...field('NoName__c'), name: undefined },
          ],
        },
      ],
      reports: [
        null,
        { id: 'R1', reportType: 42, columns: null },
        { id: 'R2', reportType: 'Odd', columns: [null, 'Odd.'] },
      ],
      dashboards: [null, { id: 'D1', reportIds: null }, { id: null, reportIds: ['R1'] }],
      triggers: [null, { id: 'T1', tableEnumOrId: null }],
      dependencies: [
        null,
        { MetadataComponentType: 'ApexClass', MetadataComponentId: 'C1', RefMetadataComponentType: 'CustomField' },
        { MetadataComponentType: 'CustomField', MetadataComponentId: null },
      ],
    } as unknown as LineageInput;
    const lineage = buildLineage(malformed);
    expect(lineage.edges.map(edgeKey)).toEqual(['reference|Odd|Odd|Odd.Many__c', 'report_object|Odd|report:R2|']);
    expect(lineage.warnings.map(({ node, reference }) => [node, reference])).toEqual([
      ['Odd.Uses__c', 'Missing__c'],
      ['Odd.Uses__c', 'Ref__r.Name'],
      ['apex_class:C1', ''],
      ['apex_trigger:T1', ''],
      ['report:R2', 'Odd.'],
    ]);
    expect(buildLineage({} as LineageInput)).toEqual({ edges: [], warnings: [] });
  });

  it('builds the lineage of 2,000 objects with 60 fields each, 12 of them formulas', () => {
    const objectCount = 2_000;
    const formulaCount = 12;
    const name = (at: number) => `Obj${at % objectCount}__c`;
    const objects = Array.from({ length: objectCount }, (_, at) =>
      object(name(at), [
        field('Name'),
        reference('Parent__c', [name(at + 1)], 'Parent__r'),
        ...Array.from({ length: 58 - formulaCount }, (_, k) => field(`Amount${k}__c`, { type: 'double' })),
        ...Array.from({ length: formulaCount }, (_, k) =>
          formula(
            `Formula${k}__c`,
            `Amount${k}__c + PARENT__R.amount${k}__c + IF(ISBLANK(Name), 0, LEN(Parent__r.Name))`,
          ),
        ),
      ]),
    );
    expect(objects[0]!.fields).toHaveLength(60);
    const { edges, warnings } = buildLineage(lineageInput({ objects }));
    expect(warnings).toEqual([]);
    // Per object: one reference edge, and four fields read by each formula (Name, Parent__r.Name, two amounts).
    expect(edges.filter((edge) => edge.kind === 'reference')).toHaveLength(objectCount);
    expect(edges.filter((edge) => edge.kind === 'formula')).toHaveLength(objectCount * formulaCount * 4);
    expect(edges).toHaveLength(objectCount * (1 + formulaCount * 4));
    expect(
      edges.find((edge) => edge.target === 'Obj1999__c.Formula7__c' && edge.source === 'Obj0__c.Amount7__c'),
    ).toEqual({
      kind: 'formula',
      source: 'Obj0__c.Amount7__c',
      target: 'Obj1999__c.Formula7__c',
      detail: { origin: 'calculatedFormula', paths: ['PARENT__R.amount7__c'] },
    });
  });
});
