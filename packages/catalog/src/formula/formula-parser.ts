import { type FormulaPunctuation, type FormulaToken, tokenizeFormula } from './formula-lexer.ts';
import { FormulaSyntaxError } from './formula-syntax-error.ts';

/** Binary operators after normalisation: `==` is read as `=`, `!=` as `<>`. */
export type FormulaBinaryOperator =
  | '^'
  | '*'
  | '/'
  | '+'
  | '-'
  | '&'
  | '='
  | '<>'
  | '<'
  | '>'
  | '<='
  | '>='
  | '&&'
  | '||';

/** Prefix operators after normalisation: the keyword `NOT` without parentheses is read as `!`. */
export type FormulaUnaryOperator = '-' | '+' | '!';

/** A node of a parsed formula with its source span [start, end); function names are upper-cased. */
export type FormulaNode = { start: number; end: number } & (
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'field'; path: string[] }
  | { kind: 'global'; path: string[] }
  | { kind: 'call'; name: string; args: FormulaNode[] }
  | { kind: 'unary'; operator: FormulaUnaryOperator; operand: FormulaNode }
  | { kind: 'binary'; operator: FormulaBinaryOperator; left: FormulaNode; right: FormulaNode }
);

// Salesforce's order of operations, loosest first, as in the grammar of its formula engine
// (github.com/salesforce/formula-engine, Formula.g4): || then && then = <> then < > <= >=, then + - &, then ^,
// then * /, then the unary operators. Unlike school arithmetic, `^` binds looser than `*` and `/` there, so
// 2 * 3 ^ 2 is (2 * 3) ^ 2, and -2 ^ 2 is (-2) ^ 2. Every level is left-associative, `^` included.
const BINARY: Partial<Record<FormulaPunctuation, { operator: FormulaBinaryOperator; precedence: number }>> = {
  '||': { operator: '||', precedence: 1 },
  '&&': { operator: '&&', precedence: 2 },
  '=': { operator: '=', precedence: 3 },
  '==': { operator: '=', precedence: 3 },
  '<>': { operator: '<>', precedence: 3 },
  '!=': { operator: '<>', precedence: 3 },
  '<': { operator: '<', precedence: 4 },
  '>': { operator: '>', precedence: 4 },
  '<=': { operator: '<=', precedence: 4 },
  '>=': { operator: '>=', precedence: 4 },
  '+': { operator: '+', precedence: 5 },
  '-': { operator: '-', precedence: 5 },
  '&': { operator: '&', precedence: 5 },
  '^': { operator: '^', precedence: 6 },
  '*': { operator: '*', precedence: 7 },
  '/': { operator: '/', precedence: 7 },
};
const UNARY_PRECEDENCE = 8;

// Real formulas nest a few dozen levels; the cap turns a pathological input into a syntax error, not a stack overflow.
const MAX_DEPTH = 500;

const describeToken = (token: FormulaToken): string => {
  switch (token.kind) {
    case 'number':
      return `number ${token.value}`;
    case 'string':
      return 'string';
    case 'name':
      return `'${token.segments.join('.')}'`;
    case 'punctuation':
      return `'${token.text}'`;
    case 'end':
      return 'end of formula';
  }
};

// `-x`, `+x`, `!x`, and `NOT x` (a keyword in Salesforce's grammar); `NOT(x)` stays a call like AND(…) and OR(…).
const unaryOperatorOf = (token: FormulaToken, next: FormulaToken): FormulaUnaryOperator | undefined => {
  if (token.kind === 'punctuation' && (token.text === '-' || token.text === '+' || token.text === '!')) {
    return token.text;
  }
  const isKeywordNot =
    token.kind === 'name' && token.segments.length === 1 && token.segments[0]!.toUpperCase() === 'NOT';
  const isCall = next.kind === 'punctuation' && next.text === '(';
  return isKeywordNot && !isCall ? '!' : undefined;
};

/** Parses a Salesforce formula into its syntax tree; throws FormulaSyntaxError (and nothing else) when invalid. */
export function parseFormula(source: string): FormulaNode {
  const tokens = tokenizeFormula(source);
  let index = 0;
  let depth = 0;

  const peek = (): FormulaToken => tokens[index]!;
  const isPunctuation = (text: FormulaPunctuation): boolean => {
    const token = peek();
    return token.kind === 'punctuation' && token.text === text;
  };
  const fail = (token: FormulaToken, expected: string): never => {
    const code = token.kind === 'end' ? 'UNEXPECTED_END' : 'UNEXPECTED_TOKEN';
    throw new FormulaSyntaxError(code, `Unexpected ${describeToken(token)}, expected ${expected}`, token.start);
  };
  const expect = (text: FormulaPunctuation): FormulaToken => {
    const token = peek();
    if (!isPunctuation(text)) fail(token, `'${text}'`);
    index += 1;
    return token;
  };

  const parseExpression = (minPrecedence: number): FormulaNode => {
    depth += 1;
    if (depth > MAX_DEPTH) {
      throw new FormulaSyntaxError('TOO_DEEP', `Formula nested deeper than ${MAX_DEPTH} levels`, peek().start);
    }
    let left = parsePrefix();
    for (;;) {
      const token = peek();
      const binary = token.kind === 'punctuation' ? BINARY[token.text] : undefined;
      if (binary === undefined || binary.precedence < minPrecedence) break;
      index += 1;
      // Every binary operator is left-associative, `^` included: 2^3^2 is (2^3)^2.
      const right = parseExpression(binary.precedence + 1);
      left = { kind: 'binary', operator: binary.operator, left, right, start: left.start, end: right.end };
    }
    depth -= 1;
    return left;
  };

  const parsePrefix = (): FormulaNode => {
    const token = peek();
    const operator = unaryOperatorOf(token, tokens[index + 1] ?? token);
    if (operator !== undefined) {
      index += 1;
      const operand = parseExpression(UNARY_PRECEDENCE);
      return { kind: 'unary', operator, operand, start: token.start, end: operand.end };
    }
    return parsePrimary();
  };

  const parsePrimary = (): FormulaNode => {
    const token = peek();
    const span = { start: token.start, end: token.end };
    switch (token.kind) {
      case 'number':
        index += 1;
        return { kind: 'number', value: token.value, ...span };
      case 'string':
        index += 1;
        return { kind: 'string', value: token.value, ...span };
      case 'name':
        index += 1;
        return parseName(token.segments, span);
      case 'punctuation':
        if (token.text === '(' || token.text === '{!') {
          index += 1;
          const inner = parseExpression(0);
          const close = expect(token.text === '(' ? ')' : '}');
          return { ...inner, start: token.start, end: close.end };
        }
        return fail(token, 'a value');
      case 'end':
        return fail(token, 'a value');
    }
  };

  const parseName = (segments: string[], span: { start: number; end: number }): FormulaNode => {
    const first = segments[0]!;
    if (first.startsWith('$')) return { kind: 'global', path: segments, ...span };
    if (segments.length > 1) return { kind: 'field', path: segments, ...span };
    if (isPunctuation('(')) return parseCall(first.toUpperCase(), span.start);
    switch (first.toUpperCase()) {
      case 'TRUE':
        return { kind: 'boolean', value: true, ...span };
      case 'FALSE':
        return { kind: 'boolean', value: false, ...span };
      case 'NULL':
        return { kind: 'null', ...span };
      default:
        return { kind: 'field', path: segments, ...span };
    }
  };

  const parseCall = (name: string, start: number): FormulaNode => {
    expect('(');
    const args: FormulaNode[] = [];
    if (!isPunctuation(')')) {
      args.push(parseExpression(0));
      while (isPunctuation(',')) {
        index += 1;
        args.push(parseExpression(0));
      }
    }
    if (!isPunctuation(')')) fail(peek(), args.length === 0 ? "')'" : "',' or ')'");
    const close = expect(')');
    return { kind: 'call', name, args, start, end: close.end };
  };

  const root = parseExpression(0);
  const rest = peek();
  if (rest.kind !== 'end') fail(rest, 'an operator or end of formula');
  return root;
}
