import { describe, expect, it } from 'vitest';
import { buildLineage } from './build-lineage.ts';
import { dependency, lineageInput, smallOrg } from './fixtures/lineage-catalog.ts';

const CLASS = { id: '01p5g00000CLS01AAA', name: 'InvoiceService', type: 'ApexClass' };
const TRIGGER = { id: '01q5g00000TRG01AAA', name: 'LineTrigger', type: 'ApexTrigger' };
const FLOW = { id: '3015g00000FLW01AAA', name: 'Welcome', type: 'Flow' };

describe('dependency edges', () => {
  it('links the fields and objects that Apex classes, triggers and flows reference, sorted by edgeKey', () => {
    const dependencies = [
      dependency(CLASS, { id: '00N5g0000LINAMTEAA', name: 'Amount', type: 'CustomField' }),
      dependency(CLASS, { id: '01I5g000000AAAA', name: 'Invoice', type: 'CustomObject' }),
      dependency(TRIGGER, { id: '01I5g000000BBBBEAA', name: 'Line', type: 'CustomObject' }),
      dependency(FLOW, { id: 'Account', name: 'account', type: 'StandardEntity' }),
      dependency(CLASS, { id: '01p5g00000CLS02AAA', name: 'Helper', type: 'ApexClass' }),
      dependency(
        { id: '0665g00000PAG01AAA', name: 'Page', type: 'ApexPage' },
        { id: 'Contact', name: 'Contact', type: 'StandardEntity' },
      ),
    ];
    const { edges, warnings } = buildLineage(lineageInput({ objects: smallOrg(), dependencies }));
    expect(warnings).toEqual([]);
    expect(edges.filter((edge) => edge.kind === 'dependency')).toEqual([
      {
        kind: 'dependency',
        source: 'Account',
        target: 'flow:3015g00000FLW01AAA',
        detail: { componentType: 'Flow', refType: 'StandardEntity' },
      },
      {
        kind: 'dependency',
        source: 'Invoice__c',
        target: 'apex_class:01p5g00000CLS01AAA',
        detail: { componentType: 'ApexClass', refType: 'CustomObject' },
      },
      {
        kind: 'dependency',
        source: 'Line__c.Amount__c',
        target: 'apex_class:01p5g00000CLS01AAA',
        detail: { componentType: 'ApexClass', refType: 'CustomField' },
      },
      {
        kind: 'dependency',
        source: 'Line__c',
        target: 'apex_trigger:01q5g00000TRG01AAA',
        detail: { componentType: 'ApexTrigger', refType: 'CustomObject' },
      },
    ]);
  });

  it('warns on the component about a field, object or entity outside the catalog', () => {
    const dependencies = [
      dependency(CLASS, { id: '00N5g0000MISSING', name: 'Gone__c', type: 'CustomField' }),
      dependency(TRIGGER, { id: '01I5g000000ZZZZ', name: 'Gone', type: 'CustomObject' }),
      dependency(FLOW, { id: 'Territory2', name: 'Territory2', type: 'StandardEntity' }),
    ];
    const { edges, warnings } = buildLineage(lineageInput({ objects: smallOrg(), dependencies }));
    expect(edges.filter((edge) => edge.kind === 'dependency')).toEqual([]);
    expect(warnings).toEqual([
      {
        node: 'apex_class:01p5g00000CLS01AAA',
        reference: 'Gone__c',
        message: 'no field of the catalog has the id 00N5g0000MISSING',
      },
      {
        node: 'apex_trigger:01q5g00000TRG01AAA',
        reference: 'Gone',
        message: 'no object of the catalog has the id 01I5g000000ZZZZ',
      },
      { node: 'flow:3015g00000FLW01AAA', reference: 'Territory2', message: 'Territory2 is not in the catalog' },
    ]);
  });
});
