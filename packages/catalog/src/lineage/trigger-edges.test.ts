import { describe, expect, it } from 'vitest';
import { buildLineage } from './build-lineage.ts';
import { lineageInput, smallOrg } from './fixtures/lineage-catalog.ts';

describe('trigger edges', () => {
  it('links the object a trigger fires on, by name in any case or by a custom object id of 15 or 18 characters', () => {
    const triggers = [
      { id: '01q000000000001AAA', tableEnumOrId: 'Account' },
      { id: '01q000000000002AAA', tableEnumOrId: 'contact' },
      { id: '01q000000000003AAA', tableEnumOrId: '01I5g000000BBBBEAA' },
      { id: '01q000000000004AAA', tableEnumOrId: '01I5g000000AAAA' },
      { id: '01q000000000005AAA', tableEnumOrId: 'Territory2' },
      { id: '01q000000000006AAA', tableEnumOrId: '01I5g000000ZZZZEAA' },
    ];
    const { edges, warnings } = buildLineage(lineageInput({ objects: smallOrg(), triggers }));
    expect(edges.filter((edge) => edge.kind === 'trigger_object')).toEqual([
      { kind: 'trigger_object', source: 'Account', target: 'apex_trigger:01q000000000001AAA', detail: {} },
      { kind: 'trigger_object', source: 'Contact', target: 'apex_trigger:01q000000000002AAA', detail: {} },
      { kind: 'trigger_object', source: 'Invoice__c', target: 'apex_trigger:01q000000000004AAA', detail: {} },
      { kind: 'trigger_object', source: 'Line__c', target: 'apex_trigger:01q000000000003AAA', detail: {} },
    ]);
    expect(warnings).toEqual([
      {
        node: 'apex_trigger:01q000000000005AAA',
        reference: 'Territory2',
        message: "the trigger's object Territory2 is not in the catalog",
      },
      {
        node: 'apex_trigger:01q000000000006AAA',
        reference: '01I5g000000ZZZZEAA',
        message: "the trigger's object 01I5g000000ZZZZEAA is not in the catalog",
      },
    ]);
  });
});
