/** The Body Tooling shows for Apex from an installed managed package: its source is hidden. */
export const HIDDEN_BODY = '(hidden)';

/** Trigger events in Apex syntax, as `trigger X on Obj (before insert, ...)` lists them. */
export const TRIGGER_EVENTS = [
  'before insert',
  'after insert',
  'before update',
  'after update',
  'before delete',
  'after delete',
  'after undelete',
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** LengthWithoutComments: the characters of the source outside block and line comments. */
export function lengthWithoutComments(body: string): number {
  return body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').length;
}

/** The class-name stem for an object: Work_Order__c gives WorkOrder. */
export function apexStem(object: string): string {
  return object.replace(/__c$/, '').replace(/_/g, '');
}

/** What a class body names besides its object: fields its queries select, field tokens, classes it calls. */
export interface ApexUses {
  /** Fields of the class's object its queries select. */
  fields: readonly string[];
  /** `Object.Field` tokens it holds as Schema.SObjectField constants. */
  tokens: readonly { object: string; field: string }[];
  /** Classes whose `load1` it calls. */
  classes: readonly string[];
}

const NO_USES: ApexUses = { fields: [], tokens: [], classes: [] };

/** A plausible class body that reads `object` with SOQL, `methods` methods long, naming what `uses` lists. */
export function classBody(name: string, object: string, methods: number, isTest: boolean, uses = NO_USES): string {
  const declaration = isTest ? '@IsTest\nprivate class' : 'public with sharing class';
  const header = `/**\n * ${name}: works with ${object} records.\n */\n${declaration} ${name} {`;
  const body: string[] = uses.tokens.map(
    (t, i) => `    private static final Schema.SObjectField FIELD_${i + 1} = ${t.object}.${t.field};`,
  );
  const signature = isTest ? '@IsTest static void test%()' : 'public static List<SObject> load%(Set<Id> ids)';
  const selected = ['Id', ...uses.fields].join(', ');
  for (let m = 1; m <= methods; m++) {
    const calls = m === 1 ? uses.classes.map((c) => `        ${c}.load1(${isTest ? 'new Set<Id>()' : 'ids'});`) : [];
    body.push(
      `    // Loads the ${object} records of step ${m}.`,
      `    ${signature.replace('%', String(m))} {`,
      ...calls,
      isTest
        ? `        System.assertNotEquals(null, [SELECT ${selected} FROM ${object} LIMIT 1]);`
        : `        return [SELECT ${selected} FROM ${object} WHERE Id IN :ids];`,
      '    }',
    );
  }
  return `${header}\n${body.join('\n')}\n}\n`;
}

/** A trigger body on `object` for `events`, delegating to a handler class; it reads `fields` of the records. */
export function triggerBody(
  name: string,
  object: string,
  events: readonly TriggerEvent[],
  fields: readonly string[] = [],
): string {
  const reads =
    fields.length === 0
      ? []
      : [
          `    for (${object} record : Trigger.isDelete ? Trigger.old : Trigger.new) {`,
          ...fields.map((f) => `        System.debug(record.${f});`),
          '    }',
        ];
  return [
    `trigger ${name} on ${object} (${events.join(', ')}) {`,
    '    // Keep the logic in the handler class.',
    `    new ${apexStem(object)}TriggerHandler().run(Trigger.new);`,
    ...reads,
    '}',
    '',
  ].join('\n');
}
