import { isTriggerable } from '../org/apex-triggers.ts';
import {
  HIDDEN_BODY,
  lengthWithoutComments,
  TRIGGER_EVENTS,
  type TriggerEvent,
  triggerBody,
} from '../org/apex-source.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import type { MutationOf } from './mutation-schema.ts';
import type { OrgDraft } from './org-draft.ts';

// The API version new Apex is saved with: the newest the simulator serves.
const API_VERSION = 62;

/** Refuses a change that changes nothing. */
function requireChange(mutation: object): void {
  if (!('name' in mutation) && !('body' in mutation)) throw new InvalidMutationError('give at least one of name, body');
}

/** The body with its declaration (`class Old` or `trigger Old`) renamed; a hidden body stays hidden. */
function renamed(body: string, keyword: 'class' | 'trigger', from: string, to: string): string {
  if (body === HIDDEN_BODY) return body;
  return body.replace(new RegExp(`\\b${keyword}\\s+${from}\\b`, 'i'), `${keyword} ${to}`);
}

/** Refuses to edit what a managed package installed: its source is not the org's to change. */
function checkEditable(item: { name: string; namespacePrefix: string | null }): void {
  if (item.namespacePrefix !== null) {
    throw new InvalidMutationError(`${item.namespacePrefix}.${item.name} belongs to an installed package`);
  }
}

export function addApexClass(draft: OrgDraft, mutation: MutationOf<'addApexClass'>): void {
  const { setup } = draft;
  setup.checkNameFree('apexClasses', mutation.name);
  const body = mutation.body ?? `public with sharing class ${mutation.name} {\n}\n`;
  setup.add('apexClasses', {
    id: setup.newId('01p', () => setup.list('apexClasses').map((c) => c.id)),
    name: mutation.name,
    namespacePrefix: null,
    apiVersion: API_VERSION,
    status: 'Active',
    isValid: true,
    lengthWithoutComments: lengthWithoutComments(body),
    body,
    systemModstamp: setup.at,
    createdDate: setup.at,
    createdById: setup.actor,
    lastModifiedDate: setup.at,
    lastModifiedById: setup.actor,
  });
}

/** Renames a class (its declaration follows) or replaces its body; LengthWithoutComments follows the body. */
export function changeApexClass(draft: OrgDraft, mutation: MutationOf<'changeApexClass'>): void {
  requireChange(mutation);
  const target = draft.setup.get('apexClasses', mutation.apexClass);
  checkEditable(target);
  if (mutation.name !== undefined) draft.setup.checkNameFree('apexClasses', mutation.name, target.id);
  draft.setup.replace('apexClasses', target.id, (c) => {
    const name = mutation.name ?? c.name;
    const body = mutation.body ?? renamed(c.body, 'class', c.name, name);
    return { ...c, name, body, lengthWithoutComments: lengthWithoutComments(body) };
  });
}

export function removeApexClass(draft: OrgDraft, mutation: MutationOf<'removeApexClass'>): void {
  const target = draft.setup.get('apexClasses', mutation.apexClass);
  checkEditable(target);
  draft.setup.remove('apexClasses', target.id);
}

/** A trigger on a triggerable object; TableEnumOrId is the object's durable id, as for generated triggers. */
export function addApexTrigger(draft: OrgDraft, mutation: MutationOf<'addApexTrigger'>): void {
  const { setup } = draft;
  const object = draft.get(mutation.object);
  if (!isTriggerable(object)) throw new InvalidMutationError(`triggers cannot fire on ${object.name}`);
  setup.checkNameFree('apexTriggers', mutation.name);
  const wanted = new Set<TriggerEvent>(mutation.events ?? ['before insert', 'before update']);
  const events = TRIGGER_EVENTS.filter((e) => wanted.has(e));
  const body = mutation.body ?? triggerBody(mutation.name, object.name, events);
  setup.add('apexTriggers', {
    id: setup.newId('01q', () => setup.list('apexTriggers').map((t) => t.id)),
    name: mutation.name,
    namespacePrefix: null,
    object: object.name,
    tableEnumOrId: draft.durableId(object.name),
    apiVersion: API_VERSION,
    status: 'Active',
    isValid: true,
    lengthWithoutComments: lengthWithoutComments(body),
    events,
    body,
    systemModstamp: setup.at,
    createdDate: setup.at,
    createdById: setup.actor,
    lastModifiedDate: setup.at,
    lastModifiedById: setup.actor,
  });
}

export function changeApexTrigger(draft: OrgDraft, mutation: MutationOf<'changeApexTrigger'>): void {
  requireChange(mutation);
  const target = draft.setup.get('apexTriggers', mutation.apexTrigger);
  checkEditable(target);
  if (mutation.name !== undefined) draft.setup.checkNameFree('apexTriggers', mutation.name, target.id);
  draft.setup.replace('apexTriggers', target.id, (t) => {
    const name = mutation.name ?? t.name;
    const body = mutation.body ?? renamed(t.body, 'trigger', t.name, name);
    return { ...t, name, body, lengthWithoutComments: lengthWithoutComments(body) };
  });
}

export function removeApexTrigger(draft: OrgDraft, mutation: MutationOf<'removeApexTrigger'>): void {
  const target = draft.setup.get('apexTriggers', mutation.apexTrigger);
  checkEditable(target);
  draft.setup.remove('apexTriggers', target.id);
}
