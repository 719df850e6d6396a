import { type FormulaNode, parseFormula } from './formula-parser.ts';

/** What a formula reads: field paths relative to its object, and `$` globals as their dotted text. */
export interface FormulaReferences {
  fields: string[][];
  globals: string[];
}

const childrenOf = (node: FormulaNode): FormulaNode[] => {
  switch (node.kind) {
    case 'call':
      return node.args;
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    default:
      return [];
  }
};

/**
 * Every field path and global a formula reads, in order of first appearance. Salesforce names are
 * case-insensitive, so `Name` and `NAME` count once, spelled as first written. Strings, comments and function
 * names are never references. Throws FormulaSyntaxError when the formula does not parse.
 */
export function formulaReferences(formula: string): FormulaReferences {
  const fields: string[][] = [];
  const globals: string[] = [];
  const seen = new Set<string>();
  // An explicit stack: a long chain of `&` makes a tree deeper than the call stack would like.
  const pending: FormulaNode[] = [parseFormula(formula)];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind === 'field' || node.kind === 'global') {
      const text = node.path.join('.');
      const key = `${node.kind}:${text.toLowerCase()}`;
      if (!seen.has(key)) {
        seen.add(key);
        if (node.kind === 'field') fields.push(node.path);
        else globals.push(text);
      }
    }
    const children = childrenOf(node);
    for (let at = children.length - 1; at >= 0; at -= 1) pending.push(children[at]!);
  }
  return { fields, globals };
}
