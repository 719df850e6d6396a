import { FormulaSyntaxError } from './formula-syntax-error.ts';

/** Operators and punctuation of the formula language; `{!` and `}` wrap optional merge-field syntax. */
export type FormulaPunctuation =
  | '+'
  | '-'
  | '*'
  | '/'
  | '^'
  | '&'
  | '='
  | '=='
  | '!='
  | '<>'
  | '<'
  | '>'
  | '<='
  | '>='
  | '&&'
  | '||'
  | '!'
  | '('
  | ')'
  | ','
  | '{!'
  | '}';

/**
 * One token with its source span [start, end). A `name` is an identifier or a dotted path: its segments keep
 * their spelling, the first starts with `$` for globals, and a polymorphic hop keeps its type (`Owner:User`).
 */
export type FormulaToken = { start: number; end: number } & (
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'name'; segments: string[] }
  | { kind: 'punctuation'; text: FormulaPunctuation }
  | { kind: 'end' }
);

// Longest first, so that `<=` wins over `<` and `{!` over a stray `{`.
const PUNCTUATION: readonly FormulaPunctuation[] = [
  '==',
  '!=',
  '<>',
  '<=',
  '>=',
  '&&',
  '||',
  '{!',
  '+',
  '-',
  '*',
  '/',
  '^',
  '&',
  '=',
  '<',
  '>',
  '!',
  '(',
  ')',
  ',',
  '}',
];

// The candidates for each first character, longest first.
const PUNCTUATION_BY_FIRST = new Map<string, FormulaPunctuation[]>();
for (const text of PUNCTUATION) {
  const candidates = PUNCTUATION_BY_FIRST.get(text[0]!) ?? [];
  candidates.push(text);
  PUNCTUATION_BY_FIRST.set(text[0]!, candidates);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

// Character classes by code unit: a regular expression per character is the lexer's main cost on big catalogs.
const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';
const isLetter = (char: string | undefined): boolean =>
  char !== undefined && ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z'));
const isNameChar = (char: string | undefined): boolean => isLetter(char) || isDigit(char) || char === '_';
const isSpace = (char: string): boolean => (char <= ' ' || char > '~') && /\s/.test(char);

// A comment runs to the first `*/` that is not written `\*/` (Salesforce's escape for a `*/` inside a comment).
const skipComment = (source: string, start: number): number => {
  for (let at = start + 2; at < source.length; at += 1) {
    if (source.startsWith('\\*/', at)) at += 2;
    else if (source.startsWith('*/', at)) return at + 2;
  }
  throw new FormulaSyntaxError('UNTERMINATED_COMMENT', 'Unterminated comment', start);
};

/** Splits a formula into tokens, skipping whitespace and comments; the last token is always `end`. */
export function tokenizeFormula(source: string): FormulaToken[] {
  const tokens: FormulaToken[] = [];
  let at = 0;

  // A segment is a letter then letters, digits and underscores (`Parent__r`, `ns__Field__c`).
  const readSegment = (): string => {
    const from = at;
    if (!isLetter(source[at])) {
      throw new FormulaSyntaxError('UNEXPECTED_CHARACTER', 'Expected a name', at);
    }
    while (isNameChar(source[at])) at += 1;
    // `Owner:User.Email`: a polymorphic owner hop names the type it goes through.
    if (source[at] === ':' && isLetter(source[at + 1])) {
      at += 1;
      while (isNameChar(source[at])) at += 1;
    }
    return source.slice(from, at);
  };

  const readName = (): string[] => {
    const global = source[at] === '$';
    if (global) at += 1;
    const segments = [(global ? '$' : '') + readSegment()];
    while (source[at] === '.') {
      at += 1;
      segments.push(readSegment());
    }
    return segments;
  };

  const readString = (): string => {
    const from = at;
    const quote = source[at];
    at += 1;
    let value = '';
    while (at < source.length && source[at] !== quote) {
      const char = source[at]!;
      if (char === '\\' && at + 1 < source.length) {
        const escaped = source[at + 1]!;
        value += ESCAPES[escaped] ?? escaped;
        at += 2;
      } else {
        value += char;
        at += 1;
      }
    }
    if (at >= source.length) throw new FormulaSyntaxError('UNTERMINATED_STRING', 'Unterminated string', from);
    at += 1;
    return value;
  };

  while (at < source.length) {
    const char = source[at]!;
    const start = at;
    if (isSpace(char)) {
      at += 1;
    } else if (source.startsWith('/*', at)) {
      at = skipComment(source, start);
    } else if (isDigit(char) || (char === '.' && isDigit(source[at + 1]))) {
      // Salesforce numbers are plain decimals: no exponent, no hexadecimal. (Its grammar also wants a digit before
      // the point; `.5` is accepted here all the same, since reading a formula Salesforce rejected costs nothing.)
      while (isDigit(source[at])) at += 1;
      if (source[at] === '.' && isDigit(source[at + 1])) {
        at += 1;
        while (isDigit(source[at])) at += 1;
      }
      tokens.push({ kind: 'number', value: Number(source.slice(start, at)), start, end: at });
    } else if (char === '"' || char === "'") {
      const value = readString();
      tokens.push({ kind: 'string', value, start, end: at });
    } else if (char === '$' || isLetter(char)) {
      const segments = readName();
      tokens.push({ kind: 'name', segments, start, end: at });
    } else {
      const candidates = PUNCTUATION_BY_FIRST.get(char);
      const text = candidates?.find((candidate) => candidate.length === 1 || source.startsWith(candidate, at));
      if (text === undefined) {
        throw new FormulaSyntaxError('UNEXPECTED_CHARACTER', `Unexpected character '${char}'`, start);
      }
      at += text.length;
      tokens.push({ kind: 'punctuation', text, start, end: at });
    }
  }
  tokens.push({ kind: 'end', start: source.length, end: source.length });
  return tokens;
}
