import { describe, expect, it } from 'vitest';
import { type FormulaReferences, formulaReferences } from './formula-references.ts';
import { FormulaSyntaxError } from './formula-syntax-error.ts';

const corpus: [string, string, FormulaReferences][] = [
  [
    'a cross-object path four hops deep',
    'Account.Owner.Manager.Email',
    { fields: [['Account', 'Owner', 'Manager', 'Email']], globals: [] },
  ],
  ['a custom relationship', 'Parent__r.Field__c', { fields: [['Parent__r', 'Field__c']], globals: [] }],
  [
    'a path six hops deep',
    'Contact__r.Account.Parent.Owner.Manager.Email',
    { fields: [['Contact__r', 'Account', 'Parent', 'Owner', 'Manager', 'Email']], globals: [] },
  ],
  [
    'a picklist compared with a quoted value',
    'ISPICKVAL(StageName, "Closed Won")',
    { fields: [['StageName']], globals: [] },
  ],
  [
    'quoted strings that look like fields',
    'IF(Amount > 1000, "Amount", \'Account.Name\')',
    { fields: [['Amount']], globals: [] },
  ],
  [
    'escaped quotes inside strings',
    '"He said \\"Name\\" and \\\\" & Title & \'It\\\'s Owner.Email\'',
    { fields: [['Title']], globals: [] },
  ],
  [
    'fields named only in comments',
    '/* uses Account.Industry */ Amount * 2 /* and Probability\n over two lines */',
    { fields: [['Amount']], globals: [] },
  ],
  [
    'nested IF and CASE',
    'IF(ISBLANK(Close__c), CASE(Stage__c, "A", 1, "B", IF(Amount > 0, Rank__c, 3), Default__c), 4)',
    { fields: [['Close__c'], ['Stage__c'], ['Amount'], ['Rank__c'], ['Default__c']], globals: [] },
  ],
  [
    'a CASE with many arms',
    'CASE(Region__c, "N", North__c, "S", South__c, "E", East__c, "W", West__c, "C", Central__c, Other__c)',
    {
      fields: [['Region__c'], ['North__c'], ['South__c'], ['East__c'], ['West__c'], ['Central__c'], ['Other__c']],
      globals: [],
    },
  ],
  [
    '& concatenation',
    'FirstName & " " & LastName & " <" & Email & ">"',
    { fields: [['FirstName'], ['LastName'], ['Email']], globals: [] },
  ],
  ['the running user', '$User.Email = Owner.Email', { fields: [['Owner', 'Email']], globals: ['$User.Email'] }],
  [
    'a hierarchy custom setting',
    '$Setup.App_Config__c.Discount__c * Amount',
    { fields: [['Amount']], globals: ['$Setup.App_Config__c.Discount__c'] },
  ],
  [
    'every kind of global',
    '$Label.Greeting & $Organization.Name & $Profile.Name & $RecordType.DeveloperName & ' +
      '$Api.Session_ID & TEXT($System.OriginDateTime) & $ObjectType.Account.Fields.Name',
    {
      fields: [],
      globals: [
        '$Label.Greeting',
        '$Organization.Name',
        '$Profile.Name',
        '$RecordType.DeveloperName',
        '$Api.Session_ID',
        '$System.OriginDateTime',
        '$ObjectType.Account.Fields.Name',
      ],
    },
  ],
  [
    'VLOOKUP, whose object arguments are globals',
    'VLOOKUP($ObjectType.Zip__c.Fields.City__c, $ObjectType.Zip__c.Fields.Name, LEFT(BillingPostalCode, 5))',
    {
      fields: [['BillingPostalCode']],
      globals: ['$ObjectType.Zip__c.Fields.City__c', '$ObjectType.Zip__c.Fields.Name'],
    },
  ],
  [
    'merge syntax, with and without braces',
    '{!Account.Name} & {!$User.FirstName} & Account.Name & {!Amount} + Amount',
    { fields: [['Account', 'Name'], ['Amount']], globals: ['$User.FirstName'] },
  ],
  [
    'repeats in another case, kept as first spelled',
    'IF(Amount > 0, Probability * AMOUNT, amount) & $User.Email & $user.email',
    { fields: [['Amount'], ['Probability']], globals: ['$User.Email'] },
  ],
  [
    'function names and keywords',
    'IF(ISNULL(Discount__c), NULL, TRUE) && NOT(FALSE) || TEXT(Type) = ""',
    { fields: [['Discount__c'], ['Type']], globals: [] },
  ],
  [
    'polymorphic owner hops',
    'IF(ISBLANK(Owner:User.Id), Owner:Queue.QueueEmail, Owner:User.Email)',
    {
      fields: [
        ['Owner:User', 'Id'],
        ['Owner:Queue', 'QueueEmail'],
        ['Owner:User', 'Email'],
      ],
      globals: [],
    },
  ],
  [
    'a hyperlink',
    'HYPERLINK("/" & Id, Name & " (" & Account.Name & ")", "_blank")',
    { fields: [['Id'], ['Name'], ['Account', 'Name']], globals: [] },
  ],
  [
    'every operator',
    '-Amount ^ 2 - Discount__c / 3 * Qty__c <= Budget__c && !IsClosed || Score__c != 0 && A__c == B__c ' +
      '|| C__c <> D__c && E__c < F__c && G__c > H__c && I__c >= J__c && K__c = L__c & M__c',
    {
      fields: [
        'Amount Discount__c Qty__c Budget__c IsClosed Score__c A__c B__c C__c D__c E__c F__c G__c H__c',
        'I__c J__c K__c L__c M__c',
      ]
        .join(' ')
        .split(' ')
        .map((name) => [name]),
      globals: [],
    },
  ],
  [
    'validation rule with date functions',
    'AND(ISCHANGED(CloseDate), CloseDate < TODAY(), DATEVALUE(CreatedDate) > DATE(2020, 1, 1), NOT(ISNEW()))',
    { fields: [['CloseDate'], ['CreatedDate']], globals: [] },
  ],
  ['a literal only', '42', { fields: [], globals: [] }],
];

describe('formulaReferences', () => {
  it.each(corpus)('finds the references of %s', (_name, formula, expected) => {
    expect(formulaReferences(formula)).toEqual(expected);
  });

  it('walks a very long concatenation without recursion trouble', () => {
    const formula = Array.from({ length: 20_000 }, (_, at) => `F${at % 3}__c`).join(' & ');
    expect(formulaReferences(formula)).toEqual({ fields: [['F0__c'], ['F1__c'], ['F2__c']], globals: [] });
  });

  it('reports a formula that does not parse as a FormulaSyntaxError', () => {
    expect(() => formulaReferences('IF(Amount > 0, "open')).toThrow(FormulaSyntaxError);
    expect(() => formulaReferences('IF(Amount > 0, "open')).toThrow('Unterminated string at position 15');
  });
});
