import { describe, expect, it } from 'vitest';
import { generateOrg, type Org } from '../generate-org.ts';
import { testOrgSpec } from '../test-support.ts';
import { applyMutations } from './apply-mutations.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import type { Mutation } from './mutation-schema.ts';
import { orgInconsistencies } from './org-consistency.ts';

const org = generateOrg(testOrgSpec());
const at = new Date(org.lastModified.getTime() + 60_000);
const apply = (...mutations: Mutation[]) => applyMutations(org, mutations, at);
/** The admin who makes the changes: the first active user after the API user. */
const admin = org.users.find((u) => u.isActive && u.id !== org.userId)!.id;
const refused = (mutation: Mutation, message: string) => {
  const attempt = () => apply(mutation);
  expect(attempt, message).toThrow(InvalidMutationError);
  expect(attempt, message).toThrow(message);
};
const reportOf = (o: Org, id: string) => o.reports.find((r) => r.id === id);

describe('report and dashboard mutations', () => {
  it('add a report with its columns, stamped by the admin now; Report counts follow', () => {
    const { org: next, result } = apply({
      kind: 'addReport',
      name: 'Payments “at risk”',
      object: 'payment__c',
      columns: ['Payment__c.Name', 'payment__c.code__c', 'Work_Order__c.Name'],
      folderName: 'Finance',
    });
    const added = next.reports.at(-1)!;
    expect(result).toMatchObject({ added: [], changed: [], modifiedAt: at.toISOString() });
    expect(result.setupItems).toEqual({ added: [added.id], removed: [], changed: [] });
    expect(added).toMatchObject({
      name: 'Payments “at risk”',
      developerName: expect.stringMatching(/^Payments_at_risk_\d+$/),
      object: 'Payment__c',
      reportType: 'CustomEntity$Payment__c',
      detailColumns: ['Payment__c.Name', 'Payment__c.Code__c', 'Work_Order__c.Name'],
      folderName: 'Finance',
      ownerId: admin,
      createdById: admin,
      lastModifiedById: admin,
      createdDate: at,
      lastModifiedDate: at,
      systemModstamp: at,
    });
    expect(added.id).toMatch(/^00O/);
    expect(org.reports.map((r) => r.id)).not.toContain(added.id);
    expect(next.recordCounts.get('Report')).toBe(org.reports.length + 1);
    // Objects did not change: describes keep their times, and describeGlobal's.
    expect(next.lastModified).toEqual(org.lastModified);
    expect(next.objectsModified).toEqual(org.objectsModified);
    expect(orgInconsistencies(next)).toEqual([]);
    const defaults = apply({ kind: 'addReport', name: 'Accounts', object: 'Account' }).org.reports.at(-1)!;
    expect(defaults.detailColumns[0]).toBe('Account.Name');
    expect(defaults.reportType).toBe('Account');
  });

  it('change a report by id or developer name, moving LastModifiedDate and SystemModstamp only', () => {
    const target = org.reports[3]!;
    const { org: next, result } = apply(
      { kind: 'changeReport', report: target.developerName.toLowerCase(), name: 'Renamed' },
      { kind: 'changeReport', report: target.id.slice(0, 15), description: 'Line one\nline "two"' },
    );
    expect(result.setupItems).toEqual({ added: [], removed: [], changed: [target.id] });
    expect(reportOf(next, target.id)).toEqual({
      ...target,
      name: 'Renamed',
      description: 'Line one\nline "two"',
      lastModifiedDate: at,
      systemModstamp: at,
      lastModifiedById: admin,
    });
    expect(apply({ kind: 'changeReport', report: target.id, description: null }).org.reports[3]!.description).toBe(
      null,
    );
  });

  it('remove reports no dashboard charts, and refuse the others', () => {
    const charted = new Set(org.dashboards.flatMap((d) => d.components.map((c) => c.reportId)));
    const free = org.reports.find((r) => !charted.has(r.id))!;
    const used = org.reports.find((r) => charted.has(r.id))!;
    const { org: next, result } = apply({ kind: 'removeReport', report: free.id });
    expect(reportOf(next, free.id)).toBeUndefined();
    expect(result.setupItems.removed).toEqual([free.id]);
    expect(next.recordCounts.get('Report')).toBe(org.reports.length - 1);
    refused({ kind: 'removeReport', report: used.id }, `report ${used.developerName} is used by dashboard`);
  });

  it('add, change and remove dashboards charting shared reports', () => {
    const shared = org.reports.filter((r) => r.folderName !== 'Private Reports').slice(0, 2);
    const { org: next, result } = apply({
      kind: 'addDashboard',
      title: 'Ops Überblick',
      reports: shared.map((r) => r.developerName),
    });
    const dashboard = next.dashboards.at(-1)!;
    expect(result.setupItems.added).toEqual([dashboard.id]);
    expect(dashboard).toMatchObject({ title: 'Ops Überblick', runningUserId: admin, type: 'SpecifiedUser' });
    expect(dashboard.components.map((c) => c.reportId)).toEqual(shared.map((r) => r.id));
    const componentIds = new Set(org.dashboards.flatMap((d) => d.components.map((c) => c.id)));
    for (const c of dashboard.components) expect(componentIds.has(c.id)).toBe(false);
    expect(orgInconsistencies(next)).toEqual([]);

    const changed = applyMutations(next, [{ kind: 'changeDashboard', dashboard: dashboard.id, title: 'Ops' }], at);
    expect(changed.org.dashboards.at(-1)).toMatchObject({ title: 'Ops', components: dashboard.components });
    const removed = applyMutations(next, [{ kind: 'removeDashboard', dashboard: dashboard.developerName }], at);
    expect(removed.org.dashboards).toHaveLength(org.dashboards.length);
    expect(removed.org.recordCounts.get('Dashboard')).toBe(org.dashboards.length);

    const privateReport = org.reports.find((r) => r.folderName === 'Private Reports')!;
    refused({ kind: 'addDashboard', title: 'X', reports: [privateReport.id] }, 'cannot chart private report');
  });

  it('refuse what Salesforce refuses, and changes that change nothing', () => {
    refused({ kind: 'addReport', name: 'History', object: 'AccountHistory' }, 'reports cannot be built on');
    refused({ kind: 'addReport', name: 'X', object: 'Account', columns: ['Contact.Name'] }, 'cannot show Contact.Name');
    refused({ kind: 'addReport', name: 'X', object: 'Account', columns: ['Account.Nope'] }, 'cannot show Account.Nope');
    refused({ kind: 'changeReport', report: 'Nope', name: 'X' }, "there is no report 'Nope'");
    refused({ kind: 'changeReport', report: org.reports[0]!.id }, 'give at least one of name, description');
    refused({ kind: 'removeDashboard', dashboard: '01Z000000000000AAA' }, 'there is no dashboard');
    expect(() => apply({ kind: 'addReport', name: 'X' } as unknown as Mutation)).toThrow(
      'invalid mutations.0: value must have required properties object',
    );
  });
});

describe('Apex mutations', () => {
  it('add, rename, rewrite and remove classes; names are unique whatever their case', () => {
    const { org: next, result } = apply({ kind: 'addApexClass', name: 'InvoiceMailer' });
    const added = next.apexClasses.at(-1)!;
    expect(result.setupItems.added).toEqual([added.id]);
    expect(added).toMatchObject({ name: 'InvoiceMailer', status: 'Active', namespacePrefix: null, createdById: admin });
    expect(added.body).toContain('class InvoiceMailer {');
    const taken = org.apexClasses.find((c) => c.namespacePrefix === null)!;
    refused({ kind: 'addApexClass', name: taken.name.toUpperCase() }, 'there is already an Apex class named');

    const renamed = apply({ kind: 'changeApexClass', apexClass: taken.id, name: 'Renamed' }).org;
    const after = renamed.apexClasses.find((c) => c.id === taken.id)!;
    expect(after.body).toContain('class Renamed {');
    expect(after.body).not.toContain(`class ${taken.name} `);
    expect(after).toMatchObject({ lastModifiedDate: at, systemModstamp: at, lastModifiedById: admin });
    const body = '/* a long comment */\npublic class Tiny {}\n';
    const rewritten = apply({ kind: 'changeApexClass', apexClass: taken.name, body }).org;
    expect(rewritten.apexClasses.find((c) => c.id === taken.id)).toMatchObject({
      body,
      lengthWithoutComments: body.length - '/* a long comment */'.length,
    });
    const removed = apply({ kind: 'removeApexClass', apexClass: taken.id });
    expect(removed.org.apexClasses).toHaveLength(org.apexClasses.length - 1);
    expect(removed.result.setupItems.removed).toEqual([taken.id]);
    const packaged = org.apexClasses.find((c) => c.namespacePrefix !== null)!;
    refused({ kind: 'removeApexClass', apexClass: packaged.id }, 'belongs to an installed package');
  });

  it('add triggers on triggerable objects, TableEnumOrId the durable id; change and remove them', () => {
    const { org: next } = apply({
      kind: 'addApexTrigger',
      name: 'PaymentGuard',
      object: 'Payment__c',
      events: ['after update', 'before insert'],
    });
    const added = next.apexTriggers.at(-1)!;
    expect(added).toMatchObject({
      name: 'PaymentGuard',
      object: 'Payment__c',
      tableEnumOrId: org.entities.get('Payment__c')!.durableId,
      events: ['before insert', 'after update'],
    });
    expect(added.body).toContain('trigger PaymentGuard on Payment__c (before insert, after update)');
    // Adding a trigger does not change the object.
    expect(next.entities.get('Payment__c')).toBe(org.entities.get('Payment__c'));
    refused({ kind: 'addApexTrigger', name: 'X', object: 'Report' }, 'triggers cannot fire on Report');
    const trigger = org.apexTriggers[0]!;
    const changed = apply({ kind: 'changeApexTrigger', apexTrigger: trigger.name, name: 'Renamed' }).org;
    expect(changed.apexTriggers[0]!.body).toMatch(/^trigger Renamed on /);
    const removed = apply({ kind: 'removeApexTrigger', apexTrigger: trigger.id }).org;
    expect(removed.apexTriggers.map((t) => t.id)).not.toContain(trigger.id);
  });
});

describe('description mutations', () => {
  it("set a custom object's description: Tooling shows it, the describe is unchanged but its time moves", () => {
    const { org: next, result } = apply({
      kind: 'setObjectDescription',
      object: 'policy__c',
      description: 'Nouvelle ✓',
    });
    expect(result).toMatchObject({ changed: ['Policy__c'], setupItems: { added: [], removed: [], changed: [] } });
    expect(next.entities.get('Policy__c')).toMatchObject({
      description: 'Nouvelle ✓',
      lastModified: at,
      lastModifiedById: admin,
    });
    expect(next.describes.get('Policy__c')).toEqual(org.describes.get('Policy__c'));
    expect(next.objectsModified.get('Policy__c')).toEqual(at);
    expect(next.lastModified).toEqual(at);
    expect(orgInconsistencies(next)).toEqual([]);
    refused({ kind: 'setObjectDescription', object: 'Account', description: 'x' }, 'Account is not a custom object');
  });

  it("set a custom field's description, or clear it", () => {
    const field = org.describes.get('Policy__c')!.fields.find((f) => f.custom)!.name;
    const { org: next, result } = apply({
      kind: 'setFieldDescription',
      object: 'Policy__c',
      field: field.toLowerCase(),
      description: null,
    });
    expect(result.changed).toEqual(['Policy__c']);
    const meta = next.entities.get('Policy__c')!.fields.get(field)!;
    expect(meta).toMatchObject({ description: null, lastModified: at, lastModifiedById: admin });
    expect(meta.createdDate).toEqual(org.entities.get('Policy__c')!.fields.get(field)!.createdDate);
    expect(next.objectsModified.get('Policy__c')).toEqual(at);
    refused(
      { kind: 'setFieldDescription', object: 'Policy__c', field: 'Name', description: 'x' },
      'not a custom field',
    );
    refused({ kind: 'setFieldDescription', object: 'Policy__c', field: 'Nope__c', description: 'x' }, 'no field');
  });
});

describe('what follows object and field mutations', () => {
  it("removing an object removes its reports and triggers, and dashboards' components of those reports", () => {
    const start = applyMutations(
      org,
      [
        { kind: 'addReport', name: 'Visits', object: 'Service_Visit__c' },
        { kind: 'addApexTrigger', name: 'VisitTrigger', object: 'Service_Visit__c' },
      ],
      at,
    ).org;
    const onVisits = start.reports.filter((r) => r.object === 'Service_Visit__c');
    const triggers = start.apexTriggers.filter((t) => t.object === 'Service_Visit__c');
    const dashboard = applyMutations(
      start,
      [{ kind: 'addDashboard', title: 'Visits', reports: [onVisits.at(-1)!.id, org.reports[0]!.id] }],
      at,
    ).org;
    const later = new Date(at.getTime() + 1000);
    const { org: next, result } = applyMutations(
      dashboard,
      [{ kind: 'removeObject', object: 'Service_Visit__c' }],
      later,
    );
    expect(next.reports.filter((r) => r.object === 'Service_Visit__c')).toEqual([]);
    expect(next.apexTriggers.filter((t) => t.object === 'Service_Visit__c')).toEqual([]);
    expect(result.setupItems.removed).toEqual([...onVisits, ...triggers].map((i) => i.id).sort());
    const kept = next.dashboards.at(-1)!;
    expect(kept.components.map((c) => c.reportId)).toEqual([org.reports[0]!.id]);
    // Its components went with the report; nobody edited the dashboard.
    expect(kept.lastModifiedDate).toEqual(at);
    expect(result.setupItems.changed).toContain(kept.id);
    expect(next.recordCounts.get('Report')).toBe(next.reports.length);
    expect(orgInconsistencies(next)).toEqual([]);
  });

  it('removing a field drops the report columns showing it, leaving the report its dates', () => {
    const report = org.reports.find((r) => r.detailColumns.some((c) => /^\w+__c\.\w+__c$/.test(c)))!;
    const column = report.detailColumns.find((c) => /^\w+__c\.\w+__c$/.test(c))!;
    const [object, field] = column.split('.') as [string, string];
    const { org: next, result } = apply({ kind: 'removeField', object, field });
    const after = reportOf(next, report.id)!;
    expect(after.detailColumns).toEqual(report.detailColumns.filter((c) => c !== column));
    expect(after.lastModifiedDate).toEqual(report.lastModifiedDate);
    expect(result.setupItems.changed).toContain(report.id);
    expect(orgInconsistencies(next)).toEqual([]);
  });
});
