import type { SObjectDescribe } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';
import { apexStem, classBody, HIDDEN_BODY, lengthWithoutComments } from './apex-source.ts';
import type { AuditStamp, AuditStamper } from './audit-stamps.ts';
import { componentReferences, pickFields, pickParent } from './component-references.ts';
import type { ComponentReference } from './lineage-plan.ts';
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
  /** The objects and fields the class uses (its MetadataComponentDependency rows). */
  references: ComponentReference[];
  /** Ids of the classes it calls. */
  calls: string[];
}

/** Apex names are unique whatever their case: `name`, or `name` numbered until it is free. */
export function freeApexName(name: string, taken: Set<string>): string {
  let free = name.slice(0, 40);
  for (let n = 2; taken.has(free.toLowerCase()); n++) free = `${name.slice(0, 38)}${n}`;
  taken.add(free.toLowerCase());
  return free;
}

/**
 * `count` classes named after the objects they work with; some from a managed package, with hidden bodies. `uses`
 * (a PRNG of its own, so the classes stay as they were without it) picks the fields and classes each body names,
 * which Tooling's MetadataComponentDependency lists; `describes` gives the parents a class reads across.
 */
export function generateApexClasses(
  count: number,
  objects: readonly SObjectDescribe[],
  stamper: AuditStamper,
  prng: Prng,
  latest: Date,
  uses: Prng,
  describes: ReadonlyMap<string, SObjectDescribe>,
): OrgApexClass[] {
  const taken = new Set<string>();
  const drafts = Array.from({ length: count }, (_, i) => {
    const object = objects.length > 0 ? prng.pick(objects) : undefined;
    const objectName = object?.name ?? 'Account';
    const suffix = prng.pick(APEX_SUFFIXES);
    const name = freeApexName(`${apexStem(objectName)}${suffix}`, taken);
    const namespacePrefix = prng.chance(0.15) ? 'fflib' : null;
    const methods = prng.int(1, 12);
    const stamp = stamper.stamp(latest, 900);
    return {
      index: i,
      object,
      objectName,
      isTest: suffix === 'Test',
      name,
      namespacePrefix,
      methods,
      stamp,
      apiVersion: prng.int(45, 62),
      status: (prng.chance(0.95) ? 'Active' : 'Deleted') as ApexStatus,
      isValid: prng.chance(0.9),
    };
  });
  // Services others call: classes that are not tests.
  const callable = drafts.filter((d) => !d.isTest);
  return drafts.map((d) => {
    const fields = d.object ? pickFields(d.object, uses, uses.int(1, 5)) : [];
    const tokens: { object: string; field: string }[] = fields
      .filter((f) => f.endsWith('__c'))
      .slice(0, 2)
      .map((field) => ({ object: d.objectName, field }));
    const parent = d.object && uses.chance(0.5) ? pickParent(d.object, describes, uses) : undefined;
    if (parent)
      for (const field of pickFields(parent, uses, uses.int(1, 2))) tokens.push({ object: parent.name, field });
    const calls = new Map<string, string>();
    for (let n = uses.int(0, 2); n > 0 && callable.length > 1; n--) {
      const other = uses.pick(callable);
      if (other.index !== d.index) calls.set(other.name, id(other.index));
    }
    const body = classBody(d.name, d.objectName, d.methods, d.isTest, { fields, tokens, classes: [...calls.keys()] });
    return {
      id: id(d.index),
      name: d.name,
      namespacePrefix: d.namespacePrefix,
      apiVersion: d.apiVersion,
      status: d.status,
      isValid: d.isValid,
      lengthWithoutComments: lengthWithoutComments(body),
      body: d.namespacePrefix === null ? body : HIDDEN_BODY,
      systemModstamp: d.stamp.lastModifiedDate,
      ...d.stamp,
      references: d.object
        ? componentReferences([
            { object: d.objectName, field: null },
            ...fields.map((field) => ({ object: d.objectName, field })),
            ...tokens,
          ])
        : [],
      calls: [...calls.values()],
    };
  });
}

const id = (index: number) => recordId('01p', index);
