// A formula an admin sets through a mutation comes as text, without the references the generator records for its
// own formulas; this finds them well enough for the simulator's mutations (the generator never uses it).

const COMMENTS = /\/\*[\s\S]*?\*\//g;
const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const SEGMENT = '[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_][A-Za-z0-9_]*)?';
const NAME = new RegExp(`\\$?${SEGMENT}(?:\\.${SEGMENT})*(?![A-Za-z0-9_.:])(\\s*\\()?`, 'g');
const LITERALS: ReadonlySet<string> = new Set(['true', 'false', 'null']);

/**
 * The names a formula reads, each once as first written: identifiers and dotted paths outside comments and
 * strings that are not functions. Whether they resolve is decided later, against the objects as they are.
 */
export function writtenReferences(formula: string): string[] {
  const code = formula.replace(COMMENTS, ' ').replace(STRINGS, ' ');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const match of code.matchAll(NAME)) {
    const name = match[0].replace(/\s*\($/, '');
    if (match[1] !== undefined || LITERALS.has(name.toLowerCase()) || seen.has(name.toLowerCase())) continue;
    // A number's exponent or a name glued to a digit is not a reference.
    if (match.index > 0 && /[0-9]/.test(code[match.index - 1]!)) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}
