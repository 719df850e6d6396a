import { describe, expect, it } from 'vitest';
import { buildLineage } from './build-lineage.ts';
import { field, lineageInput, object, reference, smallOrg } from './fixtures/lineage-catalog.ts';

const referenceEdges = (objects: ReturnType<typeof smallOrg>) =>
  buildLineage(lineageInput({ objects })).edges.filter((edge) => edge.kind === 'reference');

describe('reference edges', () => {
  it('gives one edge per referenced object, typed lookup, hierarchy or master-detail', () => {
    expect(referenceEdges(smallOrg())).toEqual([
      {
        kind: 'reference',
        source: 'Account',
        target: 'Account',
        detail: {
          field: 'Account.ParentId',
          relationshipName: 'Parent',
          relationType: 'hierarchy',
          polymorphic: false,
        },
      },
      {
        kind: 'reference',
        source: 'Account',
        target: 'Contact',
        detail: { field: 'Contact.AccountId', relationshipName: 'Account', relationType: 'lookup', polymorphic: false },
      },
      {
        kind: 'reference',
        source: 'Account',
        target: 'Invoice__c',
        detail: {
          field: 'Invoice__c.Account__c',
          relationshipName: 'Account__r',
          relationType: 'lookup',
          polymorphic: false,
        },
      },
      {
        kind: 'reference',
        source: 'Contact',
        target: 'Case',
        detail: { field: 'Case.ContactId', relationshipName: 'Contact', relationType: 'lookup', polymorphic: false },
      },
      {
        kind: 'reference',
        source: 'Group',
        target: 'Case',
        detail: { field: 'Case.OwnerId', relationshipName: 'Owner', relationType: 'lookup', polymorphic: true },
      },
      {
        kind: 'reference',
        source: 'Invoice__c',
        target: 'Line__c',
        detail: {
          field: 'Line__c.Invoice__c',
          relationshipName: 'Invoice__r',
          relationType: 'master_detail',
          polymorphic: false,
        },
      },
      {
        kind: 'reference',
        source: 'User',
        target: 'Account',
        detail: { field: 'Account.OwnerId', relationshipName: 'Owner', relationType: 'lookup', polymorphic: false },
      },
      {
        kind: 'reference',
        source: 'User',
        target: 'Case',
        detail: { field: 'Case.OwnerId', relationshipName: 'Owner', relationType: 'lookup', polymorphic: true },
      },
      {
        kind: 'reference',
        source: 'User',
        target: 'Contact',
        detail: { field: 'Contact.OwnerId', relationshipName: 'Owner', relationType: 'lookup', polymorphic: false },
      },
      {
        kind: 'reference',
        source: 'User',
        target: 'User',
        detail: { field: 'User.ManagerId', relationshipName: 'Manager', relationType: 'hierarchy', polymorphic: false },
      },
    ]);
  });

  it('points from objects outside the catalog too, and keeps a missing relationship name as null', () => {
    const objects = [
      object('Order__c', [
        reference('Territory__c', ['Territory2'], 'Territory__r'),
        field('Legacy__c', {
          type: 'reference',
          referenceTo: ['Order__c'],
          relationshipName: null,
          relationshipOrder: 1,
        }),
        field('Plain__c'),
      ]),
    ];
    expect(referenceEdges(objects)).toEqual([
      {
        kind: 'reference',
        source: 'Order__c',
        target: 'Order__c',
        detail: {
          field: 'Order__c.Legacy__c',
          relationshipName: null,
          relationType: 'master_detail',
          polymorphic: false,
        },
      },
      {
        kind: 'reference',
        source: 'Territory2',
        target: 'Order__c',
        detail: {
          field: 'Order__c.Territory__c',
          relationshipName: 'Territory__r',
          relationType: 'lookup',
          polymorphic: false,
        },
      },
    ]);
  });

  it("names the referenced object in the catalog's spelling when it is there", () => {
    const objects = [
      object('Account', [field('Name')]),
      object('Deal__c', [reference('Account__c', ['ACCOUNT'], 'Acc__r')]),
    ];
    expect(referenceEdges(objects).map((edge) => edge.source)).toEqual(['Account']);
  });
});
