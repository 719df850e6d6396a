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

const f = (...names: string[]): string[][] => names.map((name) => name.split('.'));

// Every operator of Salesforce's formula reference, and the functions that stand in for some of them.
const operators: [string, string, FormulaReferences][] = [
  [
    '+ and parentheses',
    '(Amount + Tax__c) * (1 - Discount__c)',
    { fields: f('Amount', 'Tax__c', 'Discount__c'), globals: [] },
  ],
  ['- and unary minus', '-Cost__c - -Refund__c', { fields: f('Cost__c', 'Refund__c'), globals: [] }],
  ['unary plus', '+Amount', { fields: f('Amount'), globals: [] }],
  [
    '* and /',
    'Quantity * UnitPrice / Pack_Size__c',
    { fields: f('Quantity', 'UnitPrice', 'Pack_Size__c'), globals: [] },
  ],
  ['^', 'Base__c ^ Power__c', { fields: f('Base__c', 'Power__c'), globals: [] }],
  ['= and ==', 'Status = "New" && Region__c == "EU"', { fields: f('Status', 'Region__c'), globals: [] }],
  ['<> and !=', 'Status <> "New" || Region__c != "EU"', { fields: f('Status', 'Region__c'), globals: [] }],
  ['< and >', 'Low__c < Value__c && Value__c > High__c', { fields: f('Low__c', 'Value__c', 'High__c'), globals: [] }],
  [
    '<= and >=',
    'Low__c <= Value__c || Value__c >= High__c',
    { fields: f('Low__c', 'Value__c', 'High__c'), globals: [] },
  ],
  ['& and + on text', 'FirstName & " " + LastName', { fields: f('FirstName', 'LastName'), globals: [] }],
  ['! and the keyword NOT', '!IsClosed && NOT IsDeleted', { fields: f('IsClosed', 'IsDeleted'), globals: [] }],
  [
    'the functions NOT, AND and OR',
    'AND(IsWon, OR(Amount > 0, NOT(IsClosed)), not(IsPrivate))',
    { fields: f('IsWon', 'Amount', 'IsClosed', 'IsPrivate'), globals: [] },
  ],
];

// At least one formula per function family of the reference: logical, math, text, date and time, advanced, summary.
const functions: [string, string, FormulaReferences][] = [
  [
    'logical functions',
    'IF(ISBLANK(A__c), BLANKVALUE(B__c, C__c), CASE(D__c, "x", NULLVALUE(E__c, 0), 1)) + ' +
      'IF(ISNULL(F__c) || ISNUMBER(G__c) || ISNEW() || ISCLONE(), 1, 0)',
    { fields: f('A__c', 'B__c', 'C__c', 'D__c', 'E__c', 'F__c', 'G__c'), globals: [] },
  ],
  [
    'math functions',
    'ABS(A__c) + CEILING(B__c) + FLOOR(C__c) + EXP(D__c) + LN(E__c) + LOG(F__c) + MAX(G__c, 1) + MIN(H__c, 2) + ' +
      'MOD(I__c, 3) + ROUND(J__c, 2) + SQRT(K__c) + TRUNC(L__c) + MCEILING(M__c) + MFLOOR(N__c)',
    { fields: f(...'ABCDEFGHIJKLMN'.split('').map((letter) => `${letter}__c`)), globals: [] },
  ],
  [
    'location functions',
    'DISTANCE(Site__c, GEOLOCATION(Warehouse__r.Lat__c, Warehouse__r.Lng__c), "km")',
    { fields: f('Site__c', 'Warehouse__r.Lat__c', 'Warehouse__r.Lng__c'), globals: [] },
  ],
  [
    'text functions',
    'BEGINS(A__c, "x") && CONTAINS(B__c, "y") && FIND("-", C__c) > 0 && LEN(TRIM(D__c)) > 0 && ' +
      'LEFT(E__c, 1) & RIGHT(F__c, 1) & MID(G__c, 1, 2) & LOWER(H__c) & UPPER(I__c) & LPAD(J__c, 5, "0") & ' +
      'RPAD(K__c, 5) & SUBSTITUTE(L__c, "a", "b") & TEXT(M__c) & BR() & CASESAFEID(Id) & HTMLENCODE(N__c) & ' +
      'JSENCODE(O__c) & URLENCODE(P__c) & INITCAP(Q__c) & TEXT(VALUE(R__c)) & GETSESSIONID() <> ""',
    {
      fields: f(
        ...'ABCDEFGHIJKLM'.split('').map((letter) => `${letter}__c`),
        'Id',
        'N__c',
        'O__c',
        'P__c',
        'Q__c',
        'R__c',
      ),
      globals: [],
    },
  ],
  [
    'date and time functions',
    'ADDMONTHS(A__c, 1) + DATE(YEAR(B__c), MONTH(C__c), DAY(D__c)) - DATEVALUE(E__c) + DATETIMEVALUE(F__c) + ' +
      'HOUR(TIMEVALUE(G__c)) + MINUTE(H__c) + SECOND(I__c) + MILLISECOND(J__c) + WEEKDAY(K__c) + DAYOFYEAR(L__c) + ' +
      'ISOWEEK(M__c) + ISOYEAR(N__c) + UNIXTIMESTAMP(O__c) + FROMUNIXTIME(P__c) + TODAY() + NOW() + TIMENOW()',
    { fields: f(...'ABCDEFGHIJKLMNOP'.split('').map((letter) => `${letter}__c`)), globals: [] },
  ],
  [
    'ISCHANGED, PRIORVALUE, ISPICKVAL and INCLUDES in a validation rule',
    'AND(ISCHANGED(StageName), ISPICKVAL(PRIORVALUE(StageName), "Closed Won"), INCLUDES(Tags__c, "VIP"))',
    { fields: f('StageName', 'Tags__c'), globals: [] },
  ],
  ['REGEX', 'NOT(REGEX(Phone, "\\\\(\\\\d{3}\\\\) \\\\d{3}-\\\\d{4}"))', { fields: f('Phone'), globals: [] }],
  [
    'HYPERLINK and IMAGE',
    'HYPERLINK("/" & Account.Id, IMAGE(IF(Rating__c > 3, "/img/green.gif", "/img/red.gif"), Account.Name), "_self")',
    { fields: f('Account.Id', 'Rating__c', 'Account.Name'), globals: [] },
  ],
  [
    'GETRECORDIDS in a merge field',
    '{!GETRECORDIDS($ObjectType.Contact)}',
    { fields: [], globals: ['$ObjectType.Contact'] },
  ],
  [
    'CURRENCYRATE, URLFOR and LINKTO',
    'CURRENCYRATE(Currency__c) & URLFOR($Action.Account.View, AccountId) & LINKTO("Edit", $Action.Case.Edit, Id)',
    { fields: f('Currency__c', 'AccountId', 'Id'), globals: ['$Action.Account.View', '$Action.Case.Edit'] },
  ],
  [
    'PARENTGROUPVAL in a report summary formula',
    'AMOUNT:SUM / PARENTGROUPVAL(AMOUNT:SUM, ACCOUNT.NAME, COLUMN_GRAND_SUMMARY)',
    { fields: f('AMOUNT:SUM', 'ACCOUNT.NAME', 'COLUMN_GRAND_SUMMARY'), globals: [] },
  ],
  [
    'PREVGROUPVAL in a report summary formula',
    'IF(PREVGROUPVAL(RowCount, CLOSE_DATE, 2) = 0, NULL, RowCount / PREVGROUPVAL(RowCount, CLOSE_DATE))',
    { fields: f('RowCount', 'CLOSE_DATE'), globals: [] },
  ],
];

// Every $ global the lineage knows (each an object or a field of one) and those it ignores.
const globals: [string, string, FormulaReferences][] = [
  [
    'globals that name an object',
    '$User.Email & $User.Manager.Email & $Organization.Country & $Profile.Name & $UserRole.Name & ' +
      '$RecordType.DeveloperName',
    {
      fields: [],
      globals: [
        '$User.Email',
        '$User.Manager.Email',
        '$Organization.Country',
        '$Profile.Name',
        '$UserRole.Name',
        '$RecordType.DeveloperName',
      ],
    },
  ],
  [
    'custom settings and custom metadata',
    '$Setup.App_Config__c.Discount__c * $CustomMetadata.Rate__mdt.Default.Percent__c',
    { fields: [], globals: ['$Setup.App_Config__c.Discount__c', '$CustomMetadata.Rate__mdt.Default.Percent__c'] },
  ],
  [
    'globals that name no object',
    'IF($Permission.Can_Approve, $Label.Approved, $Api.Partner_Server_URL_600) & $System.OriginDateTime & ' +
      '$Resource.Logo & $Site.Domain & $Network.Name & $Component.Form.Field & $Action.Account.New',
    {
      fields: [],
      globals: [
        '$Permission.Can_Approve',
        '$Label.Approved',
        '$Api.Partner_Server_URL_600',
        '$System.OriginDateTime',
        '$Resource.Logo',
        '$Site.Domain',
        '$Network.Name',
        '$Component.Form.Field',
        '$Action.Account.New',
      ],
    },
  ],
];

// Names and literals that trip up a naive reader.
const tricky: [string, string, FormulaReferences][] = [
  [
    'four relationship hops',
    'Contact__r.Account.Owner.Manager.Email',
    { fields: [['Contact__r', 'Account', 'Owner', 'Manager', 'Email']], globals: [] },
  ],
  [
    'a chain of custom relationships',
    'Invoice__r.Order__r.Customer__r.Region__c',
    { fields: [['Invoice__r', 'Order__r', 'Customer__r', 'Region__c']], globals: [] },
  ],
  [
    'namespaced names',
    'ns__Obj__r.ns__Field__c & ns__Obj__r.ns__Parent__r.Name & ns__Local__c',
    { fields: f('ns__Obj__r.ns__Field__c', 'ns__Obj__r.ns__Parent__r.Name', 'ns__Local__c'), globals: [] },
  ],
  [
    'a polymorphic hop further down a path',
    'What.Owner:User.Manager.Email',
    { fields: [['What', 'Owner:User', 'Manager', 'Email']], globals: [] },
  ],
  ['a comment hiding a closing mark', '/* Amount \\*/ Probability */ Quantity', { fields: f('Quantity'), globals: [] }],
  [
    'decimals, null, true and false in any case',
    'IF(true, 1.5 * Amount, IF(False, null, 0.25))',
    { fields: f('Amount'), globals: [] },
  ],
  [
    'a field named in a string, a comment and for real',
    '/* Amount */ "Amount" & \'Amount\' & TEXT(Amount)',
    { fields: f('Amount'), globals: [] },
  ],
];

describe('formulaReferences', () => {
  it.each(corpus)('finds the references of %s', (_name, formula, expected) => {
    expect(formulaReferences(formula)).toEqual(expected);
  });

  it.each(operators)('finds the references around the operator %s', (_name, formula, expected) => {
    expect(formulaReferences(formula)).toEqual(expected);
  });

  it.each(functions)('finds the references in %s', (_name, formula, expected) => {
    expect(formulaReferences(formula)).toEqual(expected);
  });

  it.each(globals)('keeps the $ of %s', (_name, formula, expected) => {
    expect(formulaReferences(formula)).toEqual(expected);
  });

  it.each(tricky)('finds the references of %s', (_name, formula, expected) => {
    expect(formulaReferences(formula)).toEqual(expected);
  });

  it('rejects an exponent in a number, which Salesforce does not write', () => {
    expect(() => formulaReferences('1.5e3 * Amount')).toThrow(FormulaSyntaxError);
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
