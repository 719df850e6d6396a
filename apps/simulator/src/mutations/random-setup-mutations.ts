import type { SObjectDescribe } from '../describe-types.ts';
import { isTriggerable } from '../org/apex-triggers.ts';
import { apexStem, TRIGGER_EVENTS } from '../org/apex-source.ts';
import { withOddNote } from '../org/odd-text.ts';
import { isReportable } from '../org/report-columns.ts';
import { APEX_SUFFIXES } from '../org/word-lists.ts';
import type { MutationKind } from './mutation-schema.ts';
import { type Generator, pickWhere, type View } from './random-view.ts';
import { chartable } from './report-mutations.ts';

const SCOPES = ['Weekly', 'by Team', 'Open Items', 'Review', 'Snapshot', 'Audit'];
const EDITS = ['Reviewed', 'Updated', 'Clarified', 'Reworded', 'Corrected'];

/** A new text, different from `previous`, sometimes with quotes, accents or line breaks in it. */
function newText(view: View, subject: string, previous: string | null): string {
  const { prng } = view;
  const text = withOddNote(`${prng.pick(EDITS)}: ${subject} (rev ${prng.int(2, 99)}).`, prng.int(0, 9), 3);
  return text === previous ? `${text} ` : text;
}

/** An Apex name no class or trigger has: `stem`, numbered. */
function freeName(view: View, stem: string): string {
  const base = stem.slice(0, 36);
  const taken = new Set([...view.org.apexClasses, ...view.org.apexTriggers].map((item) => item.name.toLowerCase()));
  let n = view.prng.int(2, 99);
  while (taken.has(`${base}${n}`.toLowerCase())) n++;
  return `${base}${n}`;
}

const mine = (item: { namespacePrefix: string | null }) => item.namespacePrefix === null;
const customFields = (d: SObjectDescribe) =>
  d.name.endsWith('__c') ? d.fields.filter((f) => f.custom && f.name.endsWith('__c')) : [];

/** One generator per kind of setup mutation (reports, dashboards, Apex, descriptions). */
export const SETUP_GENERATORS = {
  addReport: (view) => {
    const object = pickWhere(view.prng, [...view.org.describes.values()], isReportable);
    if (!object) return undefined;
    const name = `${object.labelPlural} ${view.prng.pick(SCOPES)}`.slice(0, 40);
    return { kind: 'addReport', name, object: object.name, description: newText(view, name, null) };
  },
  changeReport: (view) => {
    if (view.org.reports.length === 0) return undefined;
    const report = view.prng.pick(view.org.reports);
    return view.prng.chance(0.5)
      ? { kind: 'changeReport', report: report.id, description: newText(view, report.name, report.description) }
      : { kind: 'changeReport', report: report.id, name: `${report.name.slice(0, 30)} v${view.prng.int(2, 9)}` };
  },
  removeReport: (view) => {
    const charted = new Set(view.org.dashboards.flatMap((d) => d.components.map((c) => c.reportId)));
    const report = pickWhere(view.prng, view.org.reports, (r) => !charted.has(r.id));
    return report && { kind: 'removeReport', report: report.id };
  },
  addDashboard: (view) => {
    const reports = view.org.reports.filter(chartable);
    const picked = new Set(reports.length === 0 ? [] : [view.prng.pick(reports), view.prng.pick(reports)]);
    const title = `${view.prng.pick(SCOPES)} Dashboard`;
    return { kind: 'addDashboard', title, reports: [...picked].map((r) => r.id) };
  },
  changeDashboard: (view) => {
    if (view.org.dashboards.length === 0) return undefined;
    const dashboard = view.prng.pick(view.org.dashboards);
    return view.prng.chance(0.5)
      ? {
          kind: 'changeDashboard',
          dashboard: dashboard.id,
          title: `${dashboard.title.replace(/ \(.*$/, '').slice(0, 60)} (${view.prng.pick(EDITS)})`,
        }
      : {
          kind: 'changeDashboard',
          dashboard: dashboard.id,
          description: newText(view, dashboard.title, dashboard.description),
        };
  },
  removeDashboard: (view) => {
    if (view.org.dashboards.length === 0) return undefined;
    return { kind: 'removeDashboard', dashboard: view.prng.pick(view.org.dashboards).id };
  },
  addApexClass: (view) => {
    const object = view.prng.pick(view.customizable);
    return { kind: 'addApexClass', name: freeName(view, `${apexStem(object.name)}${view.prng.pick(APEX_SUFFIXES)}`) };
  },
  changeApexClass: (view) => {
    const target = pickWhere(view.prng, view.org.apexClasses, mine);
    if (!target) return undefined;
    const body = `${target.body.trimEnd()}\n// Revised ${view.prng.int(2, 999)}\n`;
    return view.prng.chance(0.3)
      ? { kind: 'changeApexClass', apexClass: target.id, name: freeName(view, target.name.slice(0, 30)) }
      : { kind: 'changeApexClass', apexClass: target.id, body };
  },
  removeApexClass: (view) => {
    const target = pickWhere(view.prng, view.org.apexClasses, mine);
    return target && { kind: 'removeApexClass', apexClass: target.id };
  },
  addApexTrigger: (view) => {
    const object = pickWhere(view.prng, [...view.org.describes.values()], isTriggerable);
    if (!object) return undefined;
    const events = TRIGGER_EVENTS.filter(() => view.prng.chance(0.4));
    return {
      kind: 'addApexTrigger',
      name: freeName(view, `${apexStem(object.name)}Trigger`),
      object: object.name,
      events: events.length > 0 ? events : ['after insert'],
    };
  },
  changeApexTrigger: (view) => {
    const target = pickWhere(view.prng, view.org.apexTriggers, mine);
    if (!target) return undefined;
    return { kind: 'changeApexTrigger', apexTrigger: target.id, body: `${target.body.trimEnd()}\n// Revised\n` };
  },
  removeApexTrigger: (view) => {
    const target = pickWhere(view.prng, view.org.apexTriggers, mine);
    return target && { kind: 'removeApexTrigger', apexTrigger: target.id };
  },
  setObjectDescription: (view) => {
    const object = pickWhere(view.prng, view.customizable, (d) => d.name.endsWith('__c'));
    if (!object) return undefined;
    const previous = view.org.entities.get(object.name)?.description ?? null;
    return { kind: 'setObjectDescription', object: object.name, description: newText(view, object.label, previous) };
  },
  setFieldDescription: (view) => {
    const object = pickWhere(view.prng, view.customizable, (d) => customFields(d).length > 0);
    if (!object) return undefined;
    const field = view.prng.pick(customFields(object));
    const previous = view.org.entities.get(object.name)?.fields.get(field.name)?.description ?? null;
    return {
      kind: 'setFieldDescription',
      object: object.name,
      field: field.name,
      description: newText(view, field.name, previous),
    };
  },
} satisfies Partial<Record<MutationKind, Generator>>;
