import type { SObjectDescribe } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';
import { apexStem, classBody, HIDDEN_BODY, lengthWithoutComments } from './apex-source.ts';
import type { AuditStamp, AuditStamper } from './audit-stamps.ts';
import { APEX_SUFFIXES } from './word-lists.ts';

/** ApexClass.Status. */
export type ApexStatus = 'Active' | 'Inactive' | 'Deleted';

/** An Apex class as Tooling's ApexClass shows it. */
export interface OrgApexClass extends AuditStamp {
  /** 18-character id ('01p...'). */
  id: string;
  name: string;
  namespacePrefix: string | null;
  apiVersion: number;
  status: ApexStatus;
  isValid: boolean;
  lengthWithoutComments: number;
  /** The source; '(hidden)' for a managed package's class. */
  body: string;
  systemModstamp: Date;
}

/** Apex names are unique whatever their case: `name`, or `name` numbered until it is free. */
export function freeApexName(name: string, taken: Set<string>): string {
  let free = name.slice(0, 40);
  for (let n = 2; taken.has(free.toLowerCase()); n++) free = `${name.slice(0, 38)}${n}`;
  taken.add(free.toLowerCase());
  return free;
}

/** `count` classes named after the objects they work with; some from a managed package, with hidden bodies. */
export function generateApexClasses(
  count: number,
  objects: readonly SObjectDescribe[],
  stamper: AuditStamper,
  prng: Prng,
  latest: Date,
): OrgApexClass[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const object = objects.length > 0 ? prng.pick(objects).name : 'Account';
    const suffix = prng.pick(APEX_SUFFIXES);
    const name = freeApexName(`${apexStem(object)}${suffix}`, taken);
    const namespacePrefix = prng.chance(0.15) ? 'fflib' : null;
    const body = classBody(name, object, prng.int(1, 12), suffix === 'Test');
    const stamp = stamper.stamp(latest, 900);
    return {
      id: recordId('01p', i),
      name,
      namespacePrefix,
      apiVersion: prng.int(45, 62),
      status: prng.chance(0.95) ? 'Active' : 'Deleted',
      isValid: prng.chance(0.9),
      lengthWithoutComments: lengthWithoutComments(body),
      body: namespacePrefix === null ? body : HIDDEN_BODY,
      systemModstamp: stamp.lastModifiedDate,
      ...stamp,
    };
  });
}
