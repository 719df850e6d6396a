import { isTriggerable } from '../org/apex-triggers.ts';
import {
  HIDDEN_BODY,
  lengthWithoutComments,
  TRIGGER_EVENTS,
  type TriggerEvent,
  triggerBody,
} from '../org/apex-source.ts';
import { InvalidMutationError, requireChange } from './invalid-mutation-error.ts';
import type { MutationOf } from './mutation-schema.ts';
import type { OrgDraft } from './org-draft.ts';

type ApexKind = 'apexClasses' | 'apexTriggers';

/** The keyword that declares each kind in its source. */
const KEYWORDS = { apexClasses: 'class', apexTriggers: 'trigger' } as const;

// The API version new Apex is saved with: the newest the simulator serves.
const API_VERSION = 62;

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
    ...setup.stamp(),
    references: [],
    calls: [],
  });
}

/**
 * Renames a class or trigger (its declaration follows) or replaces its body; LengthWithoutComments follows the
 * body.
 */
function changeApex(draft: OrgDraft, kind: ApexKind, target: string, change: { name?: string; body?: string }) {
  requireChange(change, ['name', 'body']);
  const item = draft.setup.get(kind, target);
  checkEditable(item);
  if (change.name !== undefined) draft.setup.checkNameFree(kind, change.name, item.id);
  const classNames = new Map(draft.setup.list('apexClasses').map((c) => [c.id, c.name]));
  draft.setup.replace(kind, item.id, (current) => {
    const name = change.name ?? current.name;
    const body = change.body ?? renamed(current.body, KEYWORDS[kind], current.name, name);
    const changed = { ...current, name, body, lengthWithoutComments: lengthWithoutComments(body) };
    if (change.body === undefined) return changed;
    // Salesforce works out a class's dependencies again when it is saved: what the new body no longer names goes.
    const names = (word: string) => new RegExp(`\\b${word}\\b`, 'i').test(body);
    const references = current.references.filter((r) => names(r.field ?? r.object));
    return 'calls' in current
      ? { ...changed, references, calls: current.calls.filter((id) => names(classNames.get(id) ?? id)) }
      : { ...changed, references };
  });
}

function removeApex(draft: OrgDraft, kind: ApexKind, target: string): void {
  const item = draft.setup.get(kind, target);
  checkEditable(item);
  draft.setup.remove(kind, item.id);
}

export function changeApexClass(draft: OrgDraft, mutation: MutationOf<'changeApexClass'>): void {
  const { apexClass, ...change } = mutation;
  changeApex(draft, 'apexClasses', apexClass, change);
}

export function removeApexClass(draft: OrgDraft, mutation: MutationOf<'removeApexClass'>): void {
  removeApex(draft, 'apexClasses', mutation.apexClass);
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
    ...setup.stamp(),
    references: [{ object: object.name, field: null }],
  });
}

export function changeApexTrigger(draft: OrgDraft, mutation: MutationOf<'changeApexTrigger'>): void {
  const { apexTrigger, ...change } = mutation;
  changeApex(draft, 'apexTriggers', apexTrigger, change);
}

export function removeApexTrigger(draft: OrgDraft, mutation: MutationOf<'removeApexTrigger'>): void {
  removeApex(draft, 'apexTriggers', mutation.apexTrigger);
}
