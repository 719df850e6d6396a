import { soqlDateTime } from './query-table.ts';
import { SoqlSyntaxError, tokenize, type Token } from './soql-lexer.ts';

/** A literal in a WHERE clause; dates stay strings (datetimes in the rows' form), compared lexically like rows'. */
export type Literal = string | number | boolean | null;

/** A WHERE condition tree. */
export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: string; op: string; value: Literal }
  | { kind: 'in'; field: string; values: Literal[]; negated: boolean };

/** The subset of SOQL the simulator understands. */
export interface SoqlQuery {
  count: boolean;
  fields: string[];
  from: string;
  where: Condition | null;
  groupBy: string[];
  orderBy: { field: string; descending: boolean; nullsLast: boolean }[];
  limit: number | null;
  offset: number | null;
  /** Constructs Tooling rejects. */
  uses: { or: boolean; not: boolean; notEquals: boolean };
}

/**
 * A datetime literal (2024-05-01T10:00:00Z, or with an offset) in the form rows hold, 2024-05-01T10:00:00.000+0000,
 * so that comparing the strings compares the instants.
 */
function dateTimeLiteral(text: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new SoqlSyntaxError(`invalid datetime: '${text}'`);
  return soqlDateTime(date);
}

/** Parses `SELECT ... FROM X [WHERE ...] [GROUP BY ...] [ORDER BY ...] [LIMIT n] [OFFSET n]`. */
export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql);
  let pos = 0;
  const uses = { or: false, not: false, notEquals: false };
  const peek = (): Token | undefined => tokens[pos];
  const isKeyword = (...words: string[]) => peek()?.type === 'ident' && words.includes(peek()!.upper);
  const next = (): Token => {
    const t = tokens[pos++];
    if (!t) throw new SoqlSyntaxError('unexpected end of query');
    return t;
  };
  const expect = (upper: string): void => {
    const t = next();
    if (t.upper !== upper) throw new SoqlSyntaxError(`unexpected token: '${t.value}'`);
  };
  const identifier = (): string => {
    const t = next();
    if (t.type !== 'ident') throw new SoqlSyntaxError(`unexpected token: '${t.value}'`);
    return t.value;
  };
  const literal = (): Literal => {
    const t = next();
    if (t.type === 'date') return t.value.includes('T') ? dateTimeLiteral(t.value) : t.value;
    if (t.type === 'string') return t.value;
    if (t.type === 'number') return Number(t.value);
    if (t.type === 'ident' && (t.upper === 'TRUE' || t.upper === 'FALSE')) return t.upper === 'TRUE';
    if (t.type === 'ident' && t.upper === 'NULL') return null;
    if (t.type === 'ident') return t.value; // date literals such as TODAY or LAST_N_DAYS:30
    throw new SoqlSyntaxError(`unexpected token: '${t.value}'`);
  };
  const term = (): Condition => {
    if (isKeyword('NOT')) {
      next();
      uses.not = true;
      return { kind: 'not', item: term() };
    }
    if (peek()?.value === '(') {
      next();
      const c = condition();
      expect(')');
      return c;
    }
    const field = identifier();
    const negated = isKeyword('NOT');
    if (negated) {
      next();
      uses.not = true;
    }
    if (isKeyword('IN')) {
      next();
      expect('(');
      const values = [literal()];
      while (peek()?.value === ',') {
        next();
        values.push(literal());
      }
      expect(')');
      return { kind: 'in', field, values, negated };
    }
    if (negated) throw new SoqlSyntaxError(`unexpected token: 'NOT'`);
    const op = next();
    if (op.type !== 'op' && op.upper !== 'LIKE') throw new SoqlSyntaxError(`unexpected token: '${op.value}'`);
    if (op.value === '!=' || op.value === '<>') uses.notEquals = true;
    return { kind: 'compare', field, op: op.upper === 'LIKE' ? 'LIKE' : op.value, value: literal() };
  };
  const condition = (): Condition => {
    const items = [term()];
    let kind: 'and' | 'or' | null = null;
    while (isKeyword('AND', 'OR')) {
      const k = next().upper === 'AND' ? 'and' : 'or';
      if (k === 'or') uses.or = true;
      // SOQL forbids mixing AND and OR without parentheses.
      if (kind && kind !== k) throw new SoqlSyntaxError('unexpected token: mixing AND and OR requires parentheses');
      kind = k;
      items.push(term());
    }
    return items.length === 1 ? items[0]! : { kind: kind!, items };
  };

  expect('SELECT');
  let count = false;
  const fields: string[] = [];
  if (isKeyword('COUNT') && tokens[pos + 1]?.value === '(' && tokens[pos + 2]?.value === ')') {
    pos += 3;
    count = true;
  } else {
    do {
      if (fields.length > 0) next();
      fields.push(identifier());
      if (peek()?.value === '(') throw new SoqlSyntaxError(`unexpected token: '('`);
    } while (peek()?.value === ',');
  }
  expect('FROM');
  const from = identifier();
  const query: SoqlQuery = {
    count,
    fields,
    from,
    where: null,
    groupBy: [],
    orderBy: [],
    limit: null,
    offset: null,
    uses,
  };
  if (isKeyword('WHERE')) {
    next();
    query.where = condition();
  }
  if (isKeyword('GROUP')) {
    next();
    expect('BY');
    do {
      if (query.groupBy.length > 0) next();
      query.groupBy.push(identifier());
    } while (peek()?.value === ',');
  }
  if (isKeyword('ORDER')) {
    next();
    expect('BY');
    do {
      if (query.orderBy.length > 0) next();
      const field = identifier();
      let descending = false;
      if (isKeyword('ASC', 'DESC')) descending = next().upper === 'DESC';
      let nullsLast = descending;
      if (isKeyword('NULLS')) {
        next();
        nullsLast = next().upper === 'LAST';
      }
      query.orderBy.push({ field, descending, nullsLast });
    } while (peek()?.value === ',');
  }
  for (const clause of ['LIMIT', 'OFFSET'] as const) {
    if (!isKeyword(clause)) continue;
    next();
    const n = next();
    if (n.type !== 'number') throw new SoqlSyntaxError(`unexpected token: '${n.value}'`);
    query[clause === 'LIMIT' ? 'limit' : 'offset'] = Number(n.value);
  }
  if (pos < tokens.length) throw new SoqlSyntaxError(`unexpected token: '${tokens[pos]!.value}'`);
  return query;
}
