import { describe, expect, it } from 'vitest';
import { type FormulaNode, parseFormula } from './formula-parser.ts';
import { FormulaSyntaxError } from './formula-syntax-error.ts';

// The tree as an S-expression, so that each case states its whole structure on one line.
function show(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'field':
      return node.path.join('.');
    case 'global':
      return node.path.join('.');
    case 'call':
      return `(${[node.name, ...node.args.map(show)].join(' ')})`;
    case 'unary':
      return `(${node.operator} ${show(node.operand)})`;
    case 'binary':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
  }
}

const parse = (formula: string): string => show(parseFormula(formula));

function errorOf(formula: string): { code: string; position: number } | undefined {
  try {
    parseFormula(formula);
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaSyntaxError);
    const { code, position } = error as FormulaSyntaxError;
    return { code, position };
  }
  return undefined;
}

const precedence: [string, string][] = [
  ['1 + 2 * 3', '(+ 1 (* 2 3))'],
  ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
  // Salesforce's grammar puts ^ between + and *: these two read differently from school arithmetic.
  ['2 * 3 ^ 2', '(^ (* 2 3) 2)'],
  ['-2 ^ 2', '(^ (- 2) 2)'],
  ['2 ^ 3 * 4', '(^ 2 (* 3 4))'],
  ['8 / 2 ^ 2', '(^ (/ 8 2) 2)'],
  ['1 + 2 ^ 2', '(+ 1 (^ 2 2))'],
  ['2 ^ 2 - 1', '(- (^ 2 2) 1)'],
  ['"x" & 2 ^ 2', '(& "x" (^ 2 2))'],
  ['-Amount ^ 2', '(^ (- Amount) 2)'],
  ['-2 * 3', '(* (- 2) 3)'],
  ['2 ^ 3 ^ 2', '(^ (^ 2 3) 2)'],
  ['2 ^ -1', '(^ 2 (- 1))'],
  ['10 - 4 - 3', '(- (- 10 4) 3)'],
  ['8 / 4 / 2 * 3', '(* (/ (/ 8 4) 2) 3)'],
  ['FirstName & " " & LastName', '(& (& FirstName " ") LastName)'],
  ['"a" & 1 + 2', '(+ (& "a" 1) 2)'],
  ['Amount + 1 > 10 * 2', '(> (+ Amount 1) (* 10 2))'],
  ['a < b = c >= d', '(= (< a b) (>= c d))'],
  ['a <= b <> c > d', '(<> (<= a b) (> c d))'],
  ['a == b', '(= a b)'],
  ['a != b', '(<> a b)'],
  ['A = B && C <> D || E', '(|| (&& (= A B) (<> C D)) E)'],
  ['a || b && c', '(|| a (&& b c))'],
  ['!IsClosed && Amount >= 100', '(&& (! IsClosed) (>= Amount 100))'],
  ['!a = b', '(= (! a) b)'],
  ['!!a', '(! (! a))'],
  ['- -1', '(- (- 1))'],
  ['-(Amount - Cost__c)', '(- (- Amount Cost__c))'],
  ['Amount -- 2', '(- Amount (- 2))'],
  ['+Amount * 2', '(* (+ Amount) 2)'],
  ['1 - +2', '(- 1 (+ 2))'],
  ['NOT IsClosed && IsWon', '(&& (! IsClosed) IsWon)'],
  ['not a = b', '(= (! a) b)'],
  ['NOT NOT a', '(! (! a))'],
  ['NOT(IsClosed) || a', '(|| (NOT IsClosed) a)'],
  ['NOT (a) = b', '(= (NOT a) b)'],
  ['a = b = c', '(= (= a b) c)'],
  ['a < b < c', '(< (< a b) c)'],
  ['a || b || c && d && e', '(|| (|| a b) (&& (&& c d) e))'],
  ['(a || b) && c', '(&& (|| a b) c)'],
  ['a + b = c * d && e <> f || g', '(|| (&& (= (+ a b) (* c d)) (<> e f)) g)'],
];

const literals: [string, string][] = [
  ['TRUE', 'TRUE'],
  ['false', 'FALSE'],
  ['Null', 'NULL'],
  ['3.14', '3.14'],
  ['.5', '0.5'],
  ['007', '7'],
  ["'it\\'s'", '"it\'s"'],
  ['"say \\"hi\\""', '"say \\"hi\\""'],
  ['"a\\\\b"', '"a\\\\b"'],
  ['"line\\nbreak\\ttab"', '"line\\nbreak\\ttab"'],
  ['\'He said "Name"\'', '"He said \\"Name\\""'],
  ['""', '""'],
];

// One or more formulas per function family of Salesforce's "Formula Operators and Functions" reference.
const functions: [string, string][] = [
  ['if(isblank(x), 0, 1)', '(IF (ISBLANK x) 0 1)'],
  ['TODAY() - 7', '(- (TODAY) 7)'],
  ['NOW()', '(NOW)'],
  ['DATE(YEAR(TODAY()), MONTH(CloseDate) + 1, 1)', '(DATE (YEAR (TODAY)) (+ (MONTH CloseDate) 1) 1)'],
  ['DATEVALUE(CreatedDate) + ADDMONTHS(Start__c, 12)', '(+ (DATEVALUE CreatedDate) (ADDMONTHS Start__c 12))'],
  ['WEEKDAY(DATETIMEVALUE("2024-01-01 00:00:00"))', '(WEEKDAY (DATETIMEVALUE "2024-01-01 00:00:00"))'],
  [
    'CASE(MONTH(CloseDate), 1, "Q1", 2, "Q1", 3, "Q1", 4, "Q2", 5, "Q2", 6, "Q2", "H2")',
    '(CASE (MONTH CloseDate) 1 "Q1" 2 "Q1" 3 "Q1" 4 "Q2" 5 "Q2" 6 "Q2" "H2")',
  ],
  ['AND(IsWon, OR(Amount > 0, NOT(IsClosed)))', '(AND IsWon (OR (> Amount 0) (NOT IsClosed)))'],
  ['BLANKVALUE(Nickname__c, NULLVALUE(FirstName, ""))', '(BLANKVALUE Nickname__c (NULLVALUE FirstName ""))'],
  ['ISPICKVAL(StageName, "Closed Won")', '(ISPICKVAL StageName "Closed Won")'],
  [
    'AND(ISCHANGED(Status), PRIORVALUE(Status) = "New", NOT(ISNEW()))',
    '(AND (ISCHANGED Status) (= (PRIORVALUE Status) "New") (NOT (ISNEW)))',
  ],
  ['ROUND(Amount * 1.1, 2) + ABS(-5)', '(+ (ROUND (* Amount 1.1) 2) (ABS (- 5)))'],
  ['MAX(1, MIN(2, 3), MOD(x, 2), SQRT(16))', '(MAX 1 (MIN 2 3) (MOD x 2) (SQRT 16))'],
  ['CEILING(LN(x)) + FLOOR(LOG(x)) + EXP(1)', '(+ (+ (CEILING (LN x)) (FLOOR (LOG x))) (EXP 1))'],
  ['LEFT(Name, 5) & RIGHT(Name, 2) & MID(Phone, 2, 3)', '(& (& (LEFT Name 5) (RIGHT Name 2)) (MID Phone 2 3))'],
  ['LEN(TRIM(UPPER(LOWER(Name))))', '(LEN (TRIM (UPPER (LOWER Name))))'],
  ['SUBSTITUTE(Name, "Inc", "Incorporated")', '(SUBSTITUTE Name "Inc" "Incorporated")'],
  ['CONTAINS(Name, "Acme") || BEGINS(Code__c, "X")', '(|| (CONTAINS Name "Acme") (BEGINS Code__c "X"))'],
  ['INCLUDES(Interests__c, "Golf")', '(INCLUDES Interests__c "Golf")'],
  ['VALUE(TEXT(Rating)) + FIND("-", Sku__c)', '(+ (VALUE (TEXT Rating)) (FIND "-" Sku__c))'],
  ['REGEX(Phone, "\\\\d{3}-\\\\d{4}")', '(REGEX Phone "\\\\d{3}-\\\\d{4}")'],
  ['HYPERLINK("/" & Id, Name, "_blank")', '(HYPERLINK (& "/" Id) Name "_blank")'],
  ['IMAGE("/img/samples/flag_green.gif", "green", 12, 12)', '(IMAGE "/img/samples/flag_green.gif" "green" 12 12)'],
  [
    'VLOOKUP($ObjectType.Zip__c.Fields.City__c, $ObjectType.Zip__c.Fields.Name, LEFT(BillingPostalCode, 5))',
    '(VLOOKUP $ObjectType.Zip__c.Fields.City__c $ObjectType.Zip__c.Fields.Name (LEFT BillingPostalCode 5))',
  ],
];

const names: [string, string][] = [
  ['Account.Owner.Manager.Email', 'Account.Owner.Manager.Email'],
  ['ns__Parent__r.ns__Field__c', 'ns__Parent__r.ns__Field__c'],
  ['Owner:User.Email', 'Owner:User.Email'],
  ['$Setup.App_Config__c.Discount__c', '$Setup.App_Config__c.Discount__c'],
  ['{!Amount} * 2', '(* Amount 2)'],
  ['{!$User.Email} & {! Account.Name }', '(& $User.Email Account.Name)'],
  ['1 /* Amount + */ + /* y */ 2', '(+ 1 2)'],
  ['1 /* a \\*/ Amount */ + 2', '(+ 1 2)'],
  ['/**/1', '1'],
  ['IF(\n  IsWon,\n  1,\n  0\n)', '(IF IsWon 1 0)'],
];

describe('parseFormula', () => {
  it.each(precedence)('follows Salesforce precedence: %s', (formula, tree) => {
    expect(parse(formula)).toBe(tree);
  });

  it.each(literals)('reads the literal %s', (formula, tree) => {
    expect(parse(formula)).toBe(tree);
  });

  it.each(functions)('reads the call %s', (formula, tree) => {
    expect(parse(formula)).toBe(tree);
  });

  it.each(names)('reads fields, globals, merge syntax and comments in %s', (formula, tree) => {
    expect(parse(formula)).toBe(tree);
  });

  it('gives every node its source span, parentheses included', () => {
    expect(parseFormula('IF(Amount > 0, "yes", (1))')).toEqual({
      kind: 'call',
      name: 'IF',
      start: 0,
      end: 26,
      args: [
        {
          kind: 'binary',
          operator: '>',
          start: 3,
          end: 13,
          left: { kind: 'field', path: ['Amount'], start: 3, end: 9 },
          right: { kind: 'number', value: 0, start: 12, end: 13 },
        },
        { kind: 'string', value: 'yes', start: 15, end: 20 },
        { kind: 'number', value: 1, start: 22, end: 25 },
      ],
    });
  });
});

describe('parseFormula errors', () => {
  it.each([
    ['"abc', 'UNTERMINATED_STRING', 0],
    ["LEFT(Name, 'x)", 'UNTERMINATED_STRING', 11],
    ['"ends in backslash\\"', 'UNTERMINATED_STRING', 0],
    ['1 + /* Amount', 'UNTERMINATED_COMMENT', 4],
    ['1.5e3', 'UNEXPECTED_TOKEN', 3],
    ['IF(a, b', 'UNEXPECTED_END', 7],
    ['IF(a b)', 'UNEXPECTED_TOKEN', 5],
    ['IF(, 1)', 'UNEXPECTED_TOKEN', 3],
    ['1 +', 'UNEXPECTED_END', 3],
    ['', 'UNEXPECTED_END', 0],
    ['  /* only a comment */ ', 'UNEXPECTED_END', 23],
    ['(1 + 2))', 'UNEXPECTED_TOKEN', 7],
    ['Amount Amount', 'UNEXPECTED_TOKEN', 7],
    ['a # b', 'UNEXPECTED_CHARACTER', 2],
    ['a | b', 'UNEXPECTED_CHARACTER', 2],
    ['Account.', 'UNEXPECTED_CHARACTER', 8],
    ['Account..Name', 'UNEXPECTED_CHARACTER', 8],
    ['$', 'UNEXPECTED_CHARACTER', 1],
    ['{!Name', 'UNEXPECTED_END', 6],
    ['{Name}', 'UNEXPECTED_CHARACTER', 0],
    ['Name}', 'UNEXPECTED_TOKEN', 4],
    ['Account.Name(1)', 'UNEXPECTED_TOKEN', 12],
    ['*2', 'UNEXPECTED_TOKEN', 0],
    ['NOT', 'UNEXPECTED_END', 3],
    ['NOT && a', 'UNEXPECTED_TOKEN', 4],
    ['1 /* \\*/', 'UNTERMINATED_COMMENT', 2],
    ['2 ^ ', 'UNEXPECTED_END', 4],
    ['^ 2', 'UNEXPECTED_TOKEN', 0],
  ])('rejects %j with %s at %i', (formula, code, position) => {
    expect(errorOf(formula)).toEqual({ code, position });
  });

  it('puts the position in the message', () => {
    expect(() => parseFormula('IF(a b)')).toThrow("Unexpected 'b', expected ',' or ')' at position 5");
    expect(() => parseFormula('"abc')).toThrow('Unterminated string at position 0');
  });

  it('turns pathological nesting into a syntax error instead of a stack overflow', () => {
    expect(errorOf('('.repeat(100_000))).toEqual({ code: 'TOO_DEEP', position: 500 });
    expect(errorOf('-'.repeat(100_000))).toEqual({ code: 'TOO_DEEP', position: 500 });
  });

  it('throws only FormulaSyntaxError on every prefix of the corpus', () => {
    const corpus = [...precedence, ...literals, ...functions, ...names].map(([formula]) => formula);
    const codes = new Set<string>();
    for (const formula of corpus) {
      for (let end = 0; end < formula.length; end += 1) {
        const error = errorOf(formula.slice(0, end));
        if (error !== undefined) codes.add(error.code);
      }
    }
    expect([...codes].sort()).toEqual([
      'UNEXPECTED_CHARACTER',
      'UNEXPECTED_END',
      'UNEXPECTED_TOKEN',
      'UNTERMINATED_COMMENT',
      'UNTERMINATED_STRING',
    ]);
  });
});
