/** A SOQL token; `upper` is the keyword form of identifiers. */
export interface Token {
  type: 'ident' | 'string' | 'number' | 'date' | 'op' | 'punct';
  value: string;
  upper: string;
}

/** Thrown for anything the parser cannot read; answered as 400 MALFORMED_QUERY. */
export class SoqlSyntaxError extends Error {
  override readonly name = 'SoqlSyntaxError';
}

const PATTERNS: [Token['type'], RegExp][] = [
  ['date', /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))?(?![\w-])/],
  ['number', /^-?\d+(?:\.\d+)?/],
  ['ident', /^[A-Za-z_][\w.:]*/],
  ['op', /^(?:!=|<>|<=|>=|=|<|>)/],
  ['punct', /^[(),]/],
];

/** Splits a SOQL string into tokens. */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let rest = soql.trim();
  while (rest.length > 0) {
    if (rest[0] === "'") {
      let value = '';
      let i = 1;
      for (; i < rest.length && rest[i] !== "'"; i++) {
        if (rest[i] === '\\' && i + 1 < rest.length) i++;
        value += rest[i];
      }
      if (i >= rest.length) throw new SoqlSyntaxError('unterminated string literal');
      tokens.push({ type: 'string', value, upper: value });
      rest = rest.slice(i + 1).trimStart();
      continue;
    }
    const found = PATTERNS.find(([, re]) => re.test(rest));
    if (!found) throw new SoqlSyntaxError(`unexpected token: '${rest.split(/\s/)[0]}'`);
    const value = found[1].exec(rest)![0];
    tokens.push({ type: found[0], value, upper: value.toUpperCase() });
    rest = rest.slice(value.length).trimStart();
  }
  return tokens;
}
