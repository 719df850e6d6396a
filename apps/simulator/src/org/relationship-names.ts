/** Hands out child relationship names that are unique per parent object, as Salesforce requires. */
export class RelationshipNames {
  private readonly used = new Map<string, Set<string>>();

  /** Tries `preferred`, then `fallback`, then numbered variants; custom ones end in __r. */
  claim(parent: string, preferred: string, fallback: string): string {
    const taken = this.used.get(parent) ?? new Set<string>();
    this.used.set(parent, taken);
    let name = preferred;
    for (let n = 2; taken.has(name); n++) name = taken.has(fallback) ? `${fallback}${n}` : fallback;
    taken.add(name);
    return name;
  }
}

/** A unique field API stem within one object: Code, Code_2, Code_3... */
export function uniqueStem(stem: string, used: Set<string>): string {
  let name = stem;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem}_${n}`;
  used.add(name.toLowerCase());
  return name;
}
