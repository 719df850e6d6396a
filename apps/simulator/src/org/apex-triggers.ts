import type { SObjectDescribe } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';
import { freeApexName } from './apex-classes.ts';
import { apexStem, lengthWithoutComments, TRIGGER_EVENTS, type TriggerEvent, triggerBody } from './apex-source.ts';
import type { AuditStamp, AuditStamper } from './audit-stamps.ts';
import { componentReferences, pickFields } from './component-references.ts';
import type { ComponentReference } from './lineage-plan.ts';

/** An Apex trigger as Tooling's ApexTrigger shows it. */
export interface OrgApexTrigger extends AuditStamp {
  /** 18-character id ('01q...'). */
  id: string;
  name: string;
  namespacePrefix: string | null;
  /** The object it fires on. */
  object: string;
  /** TableEnumOrId: the object's name when standard, its CustomObject id ('01I...') when custom. */
  tableEnumOrId: string;
  apiVersion: number;
  status: 'Active' | 'Inactive';
  isValid: boolean;
  lengthWithoutComments: number;
  /** The events it fires on, in TRIGGER_EVENTS order (UsageBeforeInsert and friends). */
  events: TriggerEvent[];
  body: string;
  systemModstamp: Date;
  /** The object and the fields of it the trigger reads (its MetadataComponentDependency rows). */
  references: ComponentReference[];
}

/** Whether triggers can fire on the object: a triggerable object that is not a companion. */
export function isTriggerable(d: SObjectDescribe): boolean {
  return d.triggerable && d.associateEntityType === null;
}

/**
 * `count` triggers on the org's triggerable objects. `durableIdOf` gives an object's EntityDefinition.DurableId,
 * which is what TableEnumOrId holds; `uses` (a PRNG of its own) picks the fields each body reads.
 */
export function generateApexTriggers(
  count: number,
  objects: readonly SObjectDescribe[],
  durableIdOf: (object: string) => string,
  stamper: AuditStamper,
  prng: Prng,
  latest: Date,
  uses: Prng,
): OrgApexTrigger[] {
  if (objects.length === 0) return [];
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const describe = prng.pick(objects);
    const object = describe.name;
    const name = freeApexName(`${apexStem(object)}Trigger`, taken);
    const events = TRIGGER_EVENTS.filter(() => prng.chance(0.4));
    if (events.length === 0) events.push(prng.pick(TRIGGER_EVENTS));
    const fields = pickFields(describe, uses, uses.int(0, 3));
    const body = triggerBody(name, object, events, fields);
    const stamp = stamper.stamp(latest, 900);
    return {
      id: recordId('01q', i),
      name,
      namespacePrefix: null,
      object,
      tableEnumOrId: durableIdOf(object),
      apiVersion: prng.int(45, 62),
      status: prng.chance(0.9) ? 'Active' : 'Inactive',
      isValid: true,
      lengthWithoutComments: lengthWithoutComments(body),
      events,
      body,
      systemModstamp: stamp.lastModifiedDate,
      ...stamp,
      references: componentReferences([{ object, field: null }, ...fields.map((field) => ({ object, field }))]),
    };
  });
}
