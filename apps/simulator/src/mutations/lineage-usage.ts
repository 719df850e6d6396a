import type { SObjectDescribe } from '../describe-types.ts';
import type { OrgApexClass, OrgApexTrigger } from '../generate-org.ts';
import { FormulaSchema, resolvePath } from '../org/formula-paths.ts';
import type { OrgFlow, PlantedFormula, PlantedRollup } from '../org/lineage-plan.ts';

/** What decides whether a field is in use: the objects as they are now and the recorded lineage plan. */
export interface LineageView {
  describes: ReadonlyMap<string, SObjectDescribe>;
  formulas: readonly PlantedFormula[];
  rollups: readonly PlantedRollup[];
  apexClasses: readonly OrgApexClass[];
  apexTriggers: readonly OrgApexTrigger[];
  flows: readonly OrgFlow[];
}

/**
 * Who uses each field (`Object.Field`), for the first user found: formulas reading it and roll-ups summarizing it;
 * with `everything`, also the lookups formulas cross on their paths, the master-detail fields roll-ups sum over,
 * and what Apex classes, triggers and flows name. Salesforce refuses to delete a field in use; the simulator
 * refuses the first kind outright and keeps random mutations away from all of them.
 */
export function fieldUsers(view: LineageView, everything: boolean): Map<string, string> {
  const users = new Map<string, string>();
  const use = (field: string, by: string) => {
    if (!users.has(field)) users.set(field, by);
  };
  const schema = new FormulaSchema(view.describes.values());
  for (const formula of view.formulas) {
    const self = `${formula.object}.${formula.field}`;
    for (const path of formula.paths) {
      const resolved = resolvePath(schema, formula.object, path);
      if (!resolved) continue;
      const read = everything ? [resolved.source, ...resolved.hops] : [resolved.source];
      for (const field of read) if (field !== self) use(field, `the formula of ${self}`);
    }
  }
  for (const r of view.rollups) {
    const by = `the roll-up summary ${r.master}.${r.field}`;
    if (r.summarized !== null) use(`${r.detail}.${r.summarized}`, by);
    if (everything) use(`${r.detail}.${r.relationshipField}`, by);
  }
  if (!everything) return users;
  const components = [
    ...view.apexClasses.map((c) => [`Apex class ${c.name}`, c.references] as const),
    ...view.apexTriggers.map((t) => [`Apex trigger ${t.name}`, t.references] as const),
    ...view.flows.map((f) => [`flow ${f.name}`, f.references] as const),
  ];
  for (const [by, references] of components) {
    for (const { object, field } of references) if (field !== null) use(`${object}.${field}`, by);
  }
  return users;
}
