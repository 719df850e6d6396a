import { describe, expect, it } from 'vitest';
import { buildLineage } from './build-lineage.ts';
import { dependency, field, formula, lineageInput, smallOrg } from './fixtures/lineage-catalog.ts';
import type { ComponentDependency } from './lineage-types.ts';

// Invoice__c.Total__c sums Line__c.Amount__c; Invoice__c.Lines__c counts the lines (ids from the small org).
const TOTAL = { id: '00N5g0000INVTOTEAQ', name: 'Total', type: 'CustomField' };
const LINES = { id: '00N5g0000INVCNT', name: 'Lines', type: 'CustomField' };
const LINE_AMOUNT = { id: '00N5g0000LINAMTEAA', name: 'Amount', type: 'CustomField' };
const LINE_INVOICE = { id: '00N5g0000LININVEAA', name: 'Invoice', type: 'CustomField' };
const LINE_OBJECT = { id: '01I5g000000BBBBEAA', name: 'Line', type: 'CustomObject' };

const rollupsOf = (dependencies: ComponentDependency[], objects = smallOrg()) => {
  const { edges, warnings } = buildLineage(lineageInput({ objects, dependencies }));
  return { edges: edges.filter((edge) => edge.kind === 'rollup'), warnings };
};

describe('rollup edges', () => {
  it('links the summarized field, not the master-detail field, to a SUM', () => {
    expect(rollupsOf([dependency(TOTAL, LINE_AMOUNT), dependency(TOTAL, LINE_INVOICE)])).toEqual({
      edges: [
        {
          kind: 'rollup',
          source: 'Line__c.Amount__c',
          target: 'Invoice__c.Total__c',
          detail: { refType: 'CustomField' },
        },
      ],
      warnings: [],
    });
  });

  it('links the child object to a COUNT, found through its master-detail field', () => {
    expect(rollupsOf([dependency(LINES, LINE_INVOICE)])).toEqual({
      edges: [
        { kind: 'rollup', source: 'Line__c', target: 'Invoice__c.Lines__c', detail: { refType: 'CustomObject' } },
      ],
      warnings: [],
    });
  });

  it('links the child object to a COUNT whose rows name only the object', () => {
    expect(rollupsOf([dependency(LINES, LINE_OBJECT)]).edges).toEqual([
      { kind: 'rollup', source: 'Line__c', target: 'Invoice__c.Lines__c', detail: { refType: 'CustomObject' } },
    ]);
  });

  it('warns on the roll-up about a row that names nothing of the catalog', () => {
    const missing = { id: '00N5g0000MISSING', name: 'Gone__c', type: 'CustomField' };
    const missingObject = { id: '01I5g000000ZZZZ', name: 'Gone', type: 'CustomObject' };
    expect(
      rollupsOf([dependency(TOTAL, LINE_AMOUNT), dependency(TOTAL, missing), dependency(TOTAL, missingObject)]),
    ).toEqual({
      edges: [
        {
          kind: 'rollup',
          source: 'Line__c.Amount__c',
          target: 'Invoice__c.Total__c',
          detail: { refType: 'CustomField' },
        },
      ],
      warnings: [
        {
          node: 'Invoice__c.Total__c',
          reference: 'Gone',
          message: 'no object of the catalog has the id 01I5g000000ZZZZ',
        },
        {
          node: 'Invoice__c.Total__c',
          reference: 'Gone__c',
          message: 'no field of the catalog has the id 00N5g0000MISSING',
        },
      ],
    });
  });

  it('ignores the rows of formula fields, plain fields and unknown fields: formulas are parsed instead', () => {
    const objects = smallOrg().map((item) =>
      item.name === 'Line__c'
        ? {
            ...item,
            fields: [
              ...item.fields,
              formula('Double__c', 'Amount__c * 2', { durableId: '01I5g000000BBBB.00N5g0000LINDBL' }),
              field('Note__c', { durableId: '01I5g000000BBBB.00N5g0000LINNOT' }),
            ],
          }
        : item,
    );
    const unknown = { id: '00N5g0000NOWHERE', name: 'Unknown', type: 'CustomField' };
    const rows = [
      dependency({ id: '00N5g0000LINDBL', name: 'Double', type: 'CustomField' }, unknown),
      dependency({ id: '00N5g0000LINNOT', name: 'Note', type: 'CustomField' }, LINE_AMOUNT),
      dependency(unknown, LINE_AMOUNT),
    ];
    expect(rollupsOf(rows, objects)).toEqual({ edges: [], warnings: [] });
  });
});
