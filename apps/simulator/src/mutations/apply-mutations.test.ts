import { describe, expect, it } from 'vitest';
import type { SObjectDescribe } from '../describe-types.ts';
import { generateOrg } from '../generate-org.ts';
import { testOrgSpec } from '../test-support.ts';
import { applyMutations } from './apply-mutations.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import type { Mutation } from './mutation-schema.ts';
import { orgInconsistencies } from './org-consistency.ts';

const org = generateOrg(testOrgSpec());
const at = new Date(org.lastModified.getTime() + 60_000);
const apply = (...mutations: Mutation[]) => applyMutations(org, mutations, at);
const fieldOf = (describe: SObjectDescribe | undefined, name: string) => describe?.fields.find((f) => f.name === name);
const listed = (parent: SObjectDescribe | undefined, child: string) =>
  parent?.childRelationships.filter((r) => r.childSObject === child).map((r) => r.field) ?? [];

describe('applyMutations', () => {
  it('adds a custom object with its standard and custom fields, listed by the objects it points to', () => {
    const { org: next, result } = apply({
      kind: 'addObject',
      name: 'Carrier__c',
      description: 'Who moves the goods.',
      fields: [
        { name: 'Code__c', label: 'Code', type: 'string' },
        { name: 'Tier__c', label: 'Tier', type: 'picklist', values: ['Gold', 'Silver'] },
        { name: 'Account__c', label: 'Account', type: 'lookup', referenceTo: 'account' },
        { name: 'Rate__c', label: 'Rate', type: 'double', formula: 'Code__c * 2', description: 'Derived.' },
      ],
    });
    expect(result).toEqual({
      added: ['Carrier__c'],
      removed: [],
      changed: ['Account', 'Group', 'User'],
      setupItems: { added: [], removed: [], changed: [] },
      modifiedAt: at.toISOString(),
    });
    const carrier = next.describes.get('Carrier__c')!;
    expect(carrier).toMatchObject({ label: 'Carrier', labelPlural: 'Carriers', custom: true, childRelationships: [] });
    expect(carrier.keyPrefix).toMatch(/^a[0-9A-Za-z]{2}$/);
    expect(carrier.fields.map((f) => f.name)).toEqual([
      'Id',
      'OwnerId',
      'IsDeleted',
      'Name',
      'CreatedDate',
      'CreatedById',
      'LastModifiedDate',
      'LastModifiedById',
      'SystemModstamp',
      'LastActivityDate',
      'LastViewedDate',
      'LastReferencedDate',
      'Code__c',
      'Tier__c',
      'Account__c',
      'Rate__c',
    ]);
    expect(fieldOf(carrier, 'Account__c')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account__r' });
    expect(fieldOf(carrier, 'Rate__c')).toMatchObject({ calculated: true, calculatedFormula: 'Code__c * 2' });
    expect(next.describes.get('Account')!.childRelationships).toContainEqual(
      expect.objectContaining({ childSObject: 'Carrier__c', field: 'Account__c', relationshipName: 'Carriers__r' }),
    );
    expect(listed(next.describes.get('User'), 'Carrier__c')).toEqual(['OwnerId', 'CreatedById', 'LastModifiedById']);
    expect(next.describeGlobal.sobjects.find((s) => s.name === 'Carrier__c')).toMatchObject({ label: 'Carrier' });
    expect(next.recordCounts.get('Carrier__c')).toBe(0);
    const entity = next.entities.get('Carrier__c')!;
    expect(entity).toMatchObject({ description: 'Who moves the goods.', isCustomizable: true, lastModified: at });
    expect(entity.durableId).toMatch(/^01I5g[0-9A-Za-z]{10}$/);
    expect(entity.fields.get('Rate__c')).toMatchObject({ description: 'Derived.', lastModified: at });
    expect(entity.fields.get('Rate__c')!.durableId).toMatch(/\.00N5g[0-9A-Za-z]{10}$/);
    expect(next.listModified).toEqual(at);
    expect(next.lastModified).toEqual(at);
    expect(next.objectsModified.get('Account')).toEqual(at);
    expect(next.objectsModified.get('Contact')).toEqual(org.lastModified);
    expect(orgInconsistencies(next)).toEqual([]);
  });

  it('removes a custom object with its companions and what pointed at it, and refuses a master', () => {
    const { org: next, result } = apply({ kind: 'removeObject', object: 'Service_Visit__c' });
    expect(result.removed).toEqual([
      'Service_Visit__ChangeEvent',
      'Service_Visit__Feed',
      'Service_Visit__History',
      'Service_Visit__c',
    ]);
    // Payment__c loses its lookup; the objects Service_Visit__c pointed at lose their child relationships.
    expect(result.changed).toEqual(['Opportunity', 'Payment__c', 'RecordType', 'User']);
    expect(fieldOf(next.describes.get('Payment__c'), 'Service_Visit__c')).toBeUndefined();
    expect(next.entities.get('Payment__c')!.fields.has('Service_Visit__c')).toBe(false);
    expect(listed(next.describes.get('Opportunity'), 'Service_Visit__c')).toEqual([]);
    expect(next.listModified).toEqual(at);
    expect(next.objectsModified.has('Service_Visit__c')).toBe(false);
    expect(orgInconsistencies(next)).toEqual([]);

    expect(() => apply({ kind: 'removeObject', object: 'Work_Order__c' })).toThrow(
      'mutations.0 (removeObject): Work_Order__c is the master of Payment__c.Work_Order__c (master-detail)',
    );
    // Without its details it can go; it was in Task.WhatId, which stops listing it rather than going.
    const withoutMaster = apply(
      { kind: 'removeField', object: 'Payment__c', field: 'Work_Order__c' },
      { kind: 'removeField', object: 'Policy__c', field: 'Work_Order__c' },
      { kind: 'removeObject', object: 'Work_Order__c' },
    ).org;
    const whatId = fieldOf(withoutMaster.describes.get('Task'), 'WhatId')!;
    expect(whatId.referenceTo).toEqual(['Account', 'Campaign', 'Case', 'Contract', 'Opportunity', 'Order', 'Product2']);
    expect(orgInconsistencies(withoutMaster)).toEqual([]);
    expect(() => apply({ kind: 'removeObject', object: 'Account' })).toThrow('Account is not a custom object');
    expect(() => apply({ kind: 'removeObject', object: 'Policy__Feed' })).toThrow('cannot be customized');
  });

  it('adds, relabels and removes fields; a ChangeEvent follows its object', () => {
    const { org: next, result } = apply(
      { kind: 'addField', object: 'policy__c', field: { name: 'Due__c', label: 'Due', type: 'date' } },
      { kind: 'relabelField', object: 'Policy__c', field: 'stage__c', label: 'Phase' },
      { kind: 'removeField', object: 'Policy__c', field: 'Campaign__c' },
    );
    expect(result.changed).toEqual(['Campaign', 'Policy__ChangeEvent', 'Policy__c']);
    const policy = next.describes.get('Policy__c')!;
    expect(fieldOf(policy, 'Due__c')).toMatchObject({ type: 'date', custom: true });
    expect(fieldOf(policy, 'Stage__c')!.label).toBe('Phase');
    expect(fieldOf(policy, 'Campaign__c')).toBeUndefined();
    const event = next.describes.get('Policy__ChangeEvent')!;
    expect(fieldOf(event, 'Due__c')).toMatchObject({ type: 'date', createable: false });
    expect(fieldOf(event, 'Stage__c')!.label).toBe('Phase');
    expect(fieldOf(event, 'Campaign__c')).toBeUndefined();
    expect(listed(next.describes.get('Campaign'), 'Policy__c')).toEqual([]);
    expect(next.entities.get('Policy__c')!.fields.get('Stage__c')!.lastModified).toEqual(at);
    expect(next.entities.get('Policy__c')!.fields.get('Type__c')!.lastModified).not.toEqual(at);
    expect(next.listModified).toEqual(org.listModified);
    expect(orgInconsistencies(next)).toEqual([]);
  });

  it('relabels objects, changes picklist values and formulas', () => {
    const { org: next, result } = apply(
      { kind: 'relabelObject', object: 'Payment__c', label: 'Remittance' },
      { kind: 'setPicklistValues', object: 'Payment__c', field: 'Priority__c', values: ['P1', 'P2'] },
      { kind: 'setFormula', object: 'Payment__c', field: 'Total_Value__c', formula: 'LOWER(Name)' },
    );
    expect(result).toMatchObject({ added: [], removed: [], changed: ['Payment__c'] });
    const payment = next.describes.get('Payment__c')!;
    expect(payment).toMatchObject({ label: 'Remittance', labelPlural: 'Remittances' });
    expect(next.describeGlobal.sobjects.find((s) => s.name === 'Payment__c')!.labelPlural).toBe('Remittances');
    expect(fieldOf(payment, 'Priority__c')!.picklistValues.map((v) => v.value)).toEqual(['P1', 'P2']);
    expect(fieldOf(payment, 'Total_Value__c')!.calculatedFormula).toBe('LOWER(Name)');
    expect(next.entities.get('Payment__c')!.lastModified).toEqual(at);
    expect(orgInconsistencies(next)).toEqual([]);
  });

  it('refuses what Salesforce refuses, naming the mutation, and applies nothing of the batch', () => {
    const refusals: [Mutation, string][] = [
      [{ kind: 'removeField', object: 'Supplier__c', field: 'Quantity__c' }, 'used by the formula of Total_Value__c'],
      [{ kind: 'removeField', object: 'Supplier__c', field: 'Rating_2__c' }, 'Rating_2__c controls Rating_3__c'],
      [{ kind: 'removeField', object: 'Account', field: 'Industry' }, 'Account.Industry is not a custom field'],
      [{ kind: 'removeField', object: 'Account', field: 'Nope__c' }, "Account has no field 'Nope__c'"],
      [{ kind: 'setFormula', object: 'Account', field: 'Name', formula: '1' }, 'Account.Name is not a formula field'],
      [{ kind: 'setPicklistValues', object: 'Policy__c', field: 'Source__c', values: ['A'] }, 'dependent picklist'],
      [{ kind: 'addObject', name: 'payment__c' }, 'there is already an sObject Payment__c'],
      [
        { kind: 'addField', object: 'Nope__c', field: { name: 'A__c', label: 'A', type: 'url' } },
        "no sObject 'Nope__c'",
      ],
      [
        { kind: 'addField', object: 'Account', field: { name: 'A__c', label: 'A', type: 'picklist' } },
        'A__c: values are required for picklists',
      ],
      [
        { kind: 'addField', object: 'Account', field: { name: 'A__c', label: 'A', type: 'url', formula: 'x' } },
        'a formula returns one of',
      ],
    ];
    for (const [mutation, message] of refusals) {
      const relabel: Mutation = { kind: 'relabelObject', object: 'Account', label: 'Client' };
      const attempt = () => applyMutations(org, [relabel, mutation], at);
      expect(attempt, message).toThrow(InvalidMutationError);
      expect(attempt, message).toThrow(`mutations.1 (${mutation.kind}): `);
      expect(attempt, message).toThrow(message);
    }
    expect(org.describes.get('Account')!.label).toBe('Account');
    expect(() => applyMutations(org, [{ kind: 'removeObject' } as unknown as Mutation], at)).toThrow(
      'invalid mutations.0: value must have required properties object',
    );
    expect(() => applyMutations(org, [{ kind: 'addObject', name: 'No_Suffix' }], at)).toThrow(
      'invalid mutations.0: name must match pattern',
    );
  });

  it('leaves the org it started from untouched, and changes nothing for no mutations', () => {
    const before = JSON.stringify([...org.describes]);
    apply({ kind: 'relabelField', object: 'Account', field: 'Name', label: 'Client Name' });
    apply({ kind: 'removeObject', object: 'Service_Visit__c' });
    expect(JSON.stringify([...org.describes])).toBe(before);
    expect(applyMutations(org, [], at)).toEqual({
      org,
      result: {
        added: [],
        removed: [],
        changed: [],
        setupItems: { added: [], removed: [], changed: [] },
        modifiedAt: null,
      },
    });
  });
});
