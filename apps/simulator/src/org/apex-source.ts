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

/** A plausible class body that reads `object` with SOQL, `methods` methods long. */
export function classBody(name: string, object: string, methods: number, isTest: boolean): string {
  const declaration = isTest ? '@IsTest\nprivate class' : 'public with sharing class';
  const header = `/**\n * ${name}: works with ${object} records.\n */\n${declaration} ${name} {`;
  const body: string[] = [];
  const signature = isTest ? '@IsTest static void test%()' : 'public static List<SObject> load%(Set<Id> ids)';
  for (let m = 1; m <= methods; m++) {
    body.push(
      `    // Loads the ${object} records of step ${m}.`,
      `    ${signature.replace('%', String(m))} {`,
      isTest
        ? `        System.assertNotEquals(null, [SELECT Id FROM ${object} LIMIT 1]);`
        : `        return [SELECT Id FROM ${object} WHERE Id IN :ids];`,
      '    }',
    );
  }
  return `${header}\n${body.join('\n')}\n}\n`;
}

/** A trigger body on `object` for `events`, delegating to a handler class. */
export function triggerBody(name: string, object: string, events: readonly TriggerEvent[]): string {
  return (
    `trigger ${name} on ${object} (${events.join(', ')}) {\n` +
    '    // Keep the logic in the handler class.\n' +
    `    new ${apexStem(object)}TriggerHandler().run(Trigger.new);\n` +
    '}\n'
  );
}
