import { describe, expect, it } from 'vitest';
import { buildLineage } from './build-lineage.ts';
import { field, formula, lineageInput, object, reference, smallOrg } from './fixtures/lineage-catalog.ts';
import type { LineageField, LineageObject } from './lineage-types.ts';

// The small org, plus the objects globals read, plus `owner` with the fields under test.
const lineageOf = (owner: string, fields: LineageField[], extra: LineageObject[] = []) => {
  const org = smallOrg().map((item) => (item.name === owner ? { ...item, fields: [...item.fields, ...fields] } : item));
  return buildLineage(lineageInput({ objects: [...org, ...extra] }));
};

const formulaEdgesOf = (owner: string, fields: LineageField[], extra: LineageObject[] = []) => {
  const { edges, warnings } = lineageOf(owner, fields, extra);
  return { edges: edges.filter((edge) => edge.kind === 'formula'), warnings };
};

const globalObjects = [
  object('Organization', [field('Country')]),
  object('Profile', [field('Name')]),
  object('UserRole', [field('Name')]),
  object('RecordType', [field('DeveloperName')]),
  object('App_Config__c', [field('Discount__c', { type: 'percent' })], '01I5g000000CCCCEAA'),
  object('Rate__mdt', [field('Percent__c', { type: 'percent' })], '01I5g000000DDDDEAA'),
];

describe('formula edges', () => {
  it('links each field a formula reads, and merges the paths that reach the same field', () => {
    const { edges, warnings } = formulaEdgesOf('Account', [
      formula('Label__c', 'Name & " " & TEXT(INDUSTRY) & Parent.Name'),
    ]);
    expect(warnings).toEqual([]);
    expect(edges).toEqual([
      {
        kind: 'formula',
        source: 'Account.Industry',
        target: 'Account.Label__c',
        detail: { origin: 'calculatedFormula', paths: ['INDUSTRY'] },
      },
      {
        kind: 'formula',
        source: 'Account.Name',
        target: 'Account.Label__c',
        detail: { origin: 'calculatedFormula', paths: ['Name', 'Parent.Name'] },
      },
    ]);
  });

  it('follows relationships hop by hop, whatever their case, to the last object', () => {
    const { edges, warnings } = formulaEdgesOf('Case', [
      formula('Boss__c', 'contact.ACCOUNT.Parent.Owner.Manager.email', { type: 'string' }),
    ]);
    expect(warnings).toEqual([]);
    expect(edges.map(({ source, detail }) => [source, detail.paths])).toEqual([
      ['User.Email', ['contact.ACCOUNT.Parent.Owner.Manager.email']],
    ]);
  });

  it('reads a default value formula as its own edge', () => {
    const { edges } = formulaEdgesOf('Contact', [
      formula('Mail__c', 'Email', { calculated: false, calculatedFormula: null, defaultValueFormula: 'Email' }),
      formula('Copy__c', 'Email', { defaultValueFormula: 'LOWER(Email)' }),
    ]);
    expect(edges.map(({ source, target, detail }) => [source, target, detail.origin])).toEqual([
      ['Contact.Email', 'Contact.Copy__c', 'calculatedFormula'],
      ['Contact.Email', 'Contact.Copy__c', 'defaultValueFormula'],
      ['Contact.Email', 'Contact.Mail__c', 'defaultValueFormula'],
    ]);
  });

  it('follows a polymorphic hop that names its type, and warns about one that does not', () => {
    const { edges, warnings } = formulaEdgesOf('Case', [
      formula('Owner_Mail__c', 'Owner:User.Email & Owner:Group.Name & Owner.Name & Owner:Queue.Name'),
    ]);
    expect(edges.map(({ source, detail }) => [source, detail.paths])).toEqual([
      ['Group.Name', ['Owner:Group.Name']],
      ['User.Email', ['Owner:User.Email']],
    ]);
    expect(warnings).toEqual([
      {
        node: 'Case.Owner_Mail__c',
        reference: 'Owner.Name',
        message: 'Owner: Case.OwnerId is polymorphic (Group, User) and the path names no type, as in Owner:Group',
      },
      {
        node: 'Case.Owner_Mail__c',
        reference: 'Owner:Queue.Name',
        message: 'Owner:Queue: Case.OwnerId references Group, User, not Queue',
      },
    ]);
  });

  it('reads the globals that name an object or a custom setting or metadata type, and keeps their $', () => {
    const { edges, warnings } = formulaEdgesOf(
      'Account',
      [
        formula(
          'Context__c',
          '$User.Email & $User.Manager.Email & $Organization.Country & $Profile.Name & $UserRole.Name & ' +
            '$RecordType.DeveloperName & TEXT($Setup.App_Config__c.Discount__c) & ' +
            'TEXT($CustomMetadata.Rate__mdt.Default_Rate.Percent__c)',
          { type: 'string' },
        ),
      ],
      globalObjects,
    );
    expect(warnings).toEqual([]);
    expect(edges.map(({ source, detail }) => [source, detail.paths])).toEqual([
      ['App_Config__c.Discount__c', ['$Setup.App_Config__c.Discount__c']],
      ['Organization.Country', ['$Organization.Country']],
      ['Profile.Name', ['$Profile.Name']],
      ['Rate__mdt.Percent__c', ['$CustomMetadata.Rate__mdt.Default_Rate.Percent__c']],
      ['RecordType.DeveloperName', ['$RecordType.DeveloperName']],
      ['User.Email', ['$User.Email', '$User.Manager.Email']],
      ['UserRole.Name', ['$UserRole.Name']],
    ]);
  });

  it('ignores the globals that name no field of an object', () => {
    const { edges, warnings } = formulaEdgesOf('Account', [
      formula(
        'Link__c',
        'IF($Permission.Approve, $Label.Yes, $Api.Session_ID) & $System.OriginDateTime & $Action.Account.View & ' +
          '$Resource.Logo & $ObjectType.Account.Fields.Name & $Site.Domain & $Network.Name & $Component.Form',
      ),
    ]);
    expect({ edges, warnings }).toEqual({ edges: [], warnings: [] });
  });

  it('warns about each reference it cannot follow, saying which hop failed and why', () => {
    const { edges, warnings } = formulaEdgesOf('Contact', [
      formula(
        'Broken__c',
        'Nickname__c & Account.Missing__c & Partner__r.Name & Account.Owner.Manager.Department & ' +
          '$Organization.Name & ' +
          '$Setup.App_Config__c & $Setup.Missing__c.Field__c & Email',
      ),
    ]);
    expect(edges.map(({ source }) => source)).toEqual(['Contact.Email']);
    expect(warnings).toEqual([
      { node: 'Contact.Broken__c', reference: '$Organization.Name', message: 'Organization is not in the catalog' },
      { node: 'Contact.Broken__c', reference: '$Setup.App_Config__c', message: '$Setup.App_Config__c names no field' },
      {
        node: 'Contact.Broken__c',
        reference: '$Setup.Missing__c.Field__c',
        message: 'Missing__c is not in the catalog',
      },
      { node: 'Contact.Broken__c', reference: 'Account.Missing__c', message: 'Account has no field named Missing__c' },
      {
        node: 'Contact.Broken__c',
        reference: 'Account.Owner.Manager.Department',
        message: 'User has no field named Department',
      },
      { node: 'Contact.Broken__c', reference: 'Nickname__c', message: 'Contact has no field named Nickname__c' },
      {
        node: 'Contact.Broken__c',
        reference: 'Partner__r.Name',
        message: 'Contact has no relationship named Partner__r',
      },
    ]);
  });

  it('warns about a hop to an object outside the catalog and a relationship that references nothing', () => {
    const { warnings } = formulaEdgesOf('Account', [
      reference('Territory__c', ['Territory2'], 'Territory__r'),
      field('Odd__c', { type: 'reference', referenceTo: [], relationshipName: 'Odd__r' }),
      formula('Area__c', 'Territory__r.Name & Odd__r.Name'),
    ]);
    expect(warnings).toEqual([
      { node: 'Account.Area__c', reference: 'Odd__r.Name', message: 'Odd__r: Account.Odd__c references no object' },
      {
        node: 'Account.Area__c',
        reference: 'Territory__r.Name',
        message: 'Territory__r: Territory2 (through Account.Territory__c) is not in the catalog',
      },
    ]);
  });

  it('gives one warning, quoting the first 200 characters, for a formula that does not parse', () => {
    const text = `IF(Name = "${'x'.repeat(300)}`;
    const { edges, warnings } = formulaEdgesOf('Account', [formula('Bad__c', text)]);
    expect(edges).toEqual([]);
    expect(warnings).toEqual([
      {
        node: 'Account.Bad__c',
        reference: text.slice(0, 200),
        message: 'calculatedFormula does not parse: Unterminated string at position 10',
      },
    ]);
  });

  it('reads namespaced relationships and __r chains', () => {
    const objects = [
      object('ns__Region__c', [field('ns__Code__c')]),
      object('ns__Branch__c', [field('Name'), reference('ns__Region__c', ['ns__Region__c'], 'ns__Region__r')]),
      object('ns__Store__c', [
        reference('ns__Branch__c', ['ns__Branch__c'], 'ns__Branch__r'),
        formula('ns__Code__c', 'ns__Branch__r.ns__Region__r.ns__Code__c & ns__Branch__r.Name'),
      ]),
    ];
    const { edges, warnings } = buildLineage(lineageInput({ objects }));
    expect(warnings).toEqual([]);
    expect(edges.filter((edge) => edge.kind === 'formula').map(({ source, detail }) => [source, detail.paths])).toEqual(
      [
        ['ns__Branch__c.Name', ['ns__Branch__r.Name']],
        ['ns__Region__c.ns__Code__c', ['ns__Branch__r.ns__Region__r.ns__Code__c']],
      ],
    );
  });
});
