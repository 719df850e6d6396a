import { describe, expect, it } from 'vitest';
import { applyScopeChanges, companionOf, defaultScope, objectsInScope } from './extraction-scope.ts';

const listed = [
  'Account',
  'AccountHistory',
  'AccountShare',
  'AccountChangeEvent',
  'Invoice__c',
  'Invoice__History',
  'Invoice__Share',
  'Invoice__ChangeEvent',
  'LoginHistory',
  'Opportunity',
  'OpportunityFieldHistory',
  'OpportunityFeed',
  'Payment__c',
];

describe('extraction scope', () => {
  it('keeps every object by default', () => {
    expect(objectsInScope(defaultScope, listed)).toEqual(listed);
  });

  it('finds companions only when their object is listed', () => {
    const all = new Set(listed);
    expect(companionOf('AccountShare', all)).toBe('Account');
    expect(companionOf('OpportunityFieldHistory', all)).toBe('Opportunity');
    expect(companionOf('Invoice__ChangeEvent', all)).toBe('Invoice__c');
    expect(companionOf('LoginHistory', all)).toBeUndefined();
    expect(companionOf('History', all)).toBeUndefined();
  });

  it('leaves companions out with one switch', () => {
    const scope = applyScopeChanges(defaultScope, { objects: { companions: false } });
    expect(objectsInScope(scope, listed)).toEqual([
      'Account',
      'Invoice__c',
      'LoginHistory',
      'Opportunity',
      'Payment__c',
    ]);
  });

  it('applies include, then exclude globs, case-insensitively', () => {
    const scope = applyScopeChanges(defaultScope, { objects: { include: ['*__c', 'account'], exclude: ['pay?ent*'] } });
    expect(objectsInScope(scope, listed)).toEqual(['Account', 'Invoice__c']);
  });

  it('takes regular-expression characters in globs literally', () => {
    const scope = applyScopeChanges(defaultScope, { objects: { include: ['Invoice__(c)', 'Account.*'] } });
    expect(objectsInScope(scope, listed)).toEqual([]);
  });

  it('changes only the keys given, replacing pattern lists whole', () => {
    const first = applyScopeChanges(defaultScope, { reports: false, objects: { include: ['A*'] } });
    const second = applyScopeChanges(first, { objects: { exclude: ['AccountShare'] } });
    expect(second).toEqual({
      ...defaultScope,
      reports: false,
      objects: { include: ['A*'], exclude: ['AccountShare'], companions: true },
    });
  });
});
