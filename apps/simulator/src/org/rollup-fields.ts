import type { FieldDescribe, FieldType } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { fieldOf, type ObjectBlueprint } from './blueprint.ts';
import { createField } from './field-factory.ts';
import type { PlantedRollup, RollupOperation } from './lineage-plan.ts';
import { uniqueStem } from './relationship-names.ts';

const SUMMABLE: readonly FieldType[] = ['int', 'double', 'currency', 'percent'];
const PREFIX: Record<Exclude<RollupOperation, 'COUNT'>, string> = { SUM: 'Total', MIN: 'Min', MAX: 'Max' };

/**
 * The describe of a roll-up summary field: calculated without a formula, read-only; COUNT is a number, SUM, MIN and
 * MAX have the type of what they summarize (an integer sums to a number).
 */
export function rollupField(name: string, label: string, summarized: FieldDescribe | null): FieldDescribe {
  const type: FieldType = summarized === null || summarized.type === 'int' ? 'double' : summarized.type;
  return createField(name, label, type, {
    custom: true,
    calculated: true,
    calculatedFormula: null,
    createable: false,
    updateable: false,
    nillable: true,
    precision: 18,
    scale: summarized === null ? 0 : 2,
  });
}

/**
 * Roll-up summary fields on custom masters of master-detail relationships: now and then a COUNT of the details,
 * and a SUM, MIN or MAX of a number field of the detail. Edits the masters in place; answers what it planted.
 */
export function plantRollups(blueprints: readonly ObjectBlueprint[], prng: Prng): PlantedRollup[] {
  const byName = new Map(blueprints.map((bp) => [bp.flags.name, bp]));
  const planted: PlantedRollup[] = [];
  const taken = new Map<string, Set<string>>();
  const stemsOf = (master: ObjectBlueprint) => {
    let used = taken.get(master.flags.name);
    if (!used) {
      used = new Set(master.fields.map((f) => f.describe.name.replace(/__c$/, '').toLowerCase()));
      taken.set(master.flags.name, used);
    }
    return used;
  };
  for (const detail of blueprints) {
    if (!detail.flags.custom || !detail.flags.name.endsWith('__c')) continue;
    const summable = detail.fields
      .map((f) => f.describe)
      .filter((f) => f.custom && !f.calculated && f.compoundFieldName === null && SUMMABLE.includes(f.type));
    for (const { describe: link } of detail.fields) {
      if (link.relationshipOrder === null || link.referenceTo.length !== 1) continue;
      const master = byName.get(link.referenceTo[0]!);
      if (!master?.flags.custom || !master.flags.name.endsWith('__c')) continue;
      const detailStem = detail.flags.name.replace(/__c$/, '');
      const add = (operation: RollupOperation, summarized: FieldDescribe | null, stem: string, label: string) => {
        const name = `${uniqueStem(stem, stemsOf(master))}__c`;
        master.fields.push(fieldOf(rollupField(name, label, summarized)));
        planted.push({
          master: master.flags.name,
          field: name,
          detail: detail.flags.name,
          relationshipField: link.name,
          operation,
          summarized: summarized?.name ?? null,
        });
      };
      if (prng.chance(0.7)) add('COUNT', null, `${detailStem}_Count`, `${detail.flags.labelPlural} Count`);
      if (summable.length > 0 && prng.chance(0.8)) {
        const summarized = prng.pick(summable);
        const operation = prng.pick(['SUM', 'SUM', 'MIN', 'MAX'] as const);
        const fieldStem = summarized.name.replace(/__c$/, '');
        add(operation, summarized, `${PREFIX[operation]}_${fieldStem}`, `${PREFIX[operation]} ${summarized.label}`);
      }
    }
  }
  return planted;
}
