import { formulaReferences } from '../formula/formula-references.ts';
import { type CatalogIndex, fieldNode, type IndexedObject } from './catalog-index.ts';
import { resolveFieldPath } from './field-path-resolver.ts';
import { globalTarget } from './formula-globals.ts';
import type { LineageCollector } from './lineage-collector.ts';
import type { EdgeDetail, LineageField } from './lineage-types.ts';

type Origin = NonNullable<EdgeDetail['origin']>;

const ORIGINS: readonly Origin[] = ['calculatedFormula', 'defaultValueFormula'];

/** How much of a formula that does not parse a warning quotes. */
export const QUOTED_FORMULA_LENGTH = 200;

// One reference of a formula as written, with the object its path starts from, or why it cannot be followed.
type FormulaReference = { written: string } & ({ start: IndexedObject; path: readonly string[] } | { problem: string });

const referencesOf = (index: CatalogIndex, owner: IndexedObject, formula: string): FormulaReference[] => {
  const { fields, globals } = formulaReferences(formula);
  const references: FormulaReference[] = fields.map((path) => ({ written: path.join('.'), start: owner, path }));
  for (const written of globals) {
    const target = globalTarget(written.split('.'));
    if (target.kind === 'ignored') continue;
    if (target.kind === 'incomplete') {
      references.push({ written, problem: target.message });
      continue;
    }
    const start = index.object(target.object);
    references.push(
      start === undefined
        ? { written, problem: `${target.object} is not in the catalog` }
        : { written, start, path: target.path },
    );
  }
  return references;
};

const collectFormula = (
  index: CatalogIndex,
  owner: IndexedObject,
  field: LineageField,
  origin: Origin,
  formula: string,
  collector: LineageCollector,
): void => {
  const node = fieldNode(owner.object, field);
  let references: FormulaReference[];
  try {
    references = referencesOf(index, owner, formula);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    collector.warn(node, formula.slice(0, QUOTED_FORMULA_LENGTH), `${origin} does not parse: ${message}`);
    return;
  }
  for (const reference of references) {
    const { written } = reference;
    if ('problem' in reference) {
      collector.warn(node, written, reference.problem);
      continue;
    }
    const resolved = resolveFieldPath(index, reference.start, reference.path);
    if (!resolved.ok) {
      collector.warn(node, written, resolved.message);
      continue;
    }
    collector.addEdge({
      kind: 'formula',
      source: fieldNode(resolved.object, resolved.field),
      target: node,
      detail: { origin, paths: [written] },
    });
  }
};

/** `formula` edges: every field a calculatedFormula or defaultValueFormula reads, through relationships and globals. */
export function collectFormulaEdges(index: CatalogIndex, collector: LineageCollector): void {
  for (const owner of index.objects) {
    for (const field of owner.fieldsByName.values()) {
      for (const origin of ORIGINS) {
        const formula = field[origin];
        if (typeof formula === 'string' && formula.trim() !== '') {
          collectFormula(index, owner, field, origin, formula, collector);
        }
      }
    }
  }
}
