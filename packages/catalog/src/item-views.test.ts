import { describe, expect, it } from 'vitest';
import { apexClassItem, apexTriggerItem, dashboardItem, reportItem, sfId, userItem } from './fixtures/items.ts';
import {
  apexClassView,
  apexTriggerView,
  dashboardView,
  reportView,
  triggerObjectIds,
  userIdsOf,
  type ViewContext,
} from './item-views.ts';

const alice = userItem(sfId('005', 1), 'Alice Admin');
const context: ViewContext = {
  instanceUrl: 'https://acme.my.salesforce.com/',
  users: new Map([[alice.name, alice.content]]),
  objectNames: new Map([['01I000000000001', 'Invoice__c']]),
};
const report = reportItem(sfId('00O', 1));

describe('item views', () => {
  it('shows a described report with its users, link, type, columns and sources', () => {
    expect(reportView(report, context)).toEqual({
      id: report.name,
      name: 'Report 001AAA',
      developerName: 'Report_001AAA',
      folder: 'Sales Reports',
      format: 'TABULAR',
      description: null,
      namespace: null,
      // A folder, or a user the catalog does not know: the id alone.
      owner: { id: sfId('00l', 1), name: null, email: null },
      createdDate: '2024-01-02T03:04:05.000+0000',
      createdBy: { id: alice.name, name: 'Alice Admin', email: 'alice.admin@acme.example' },
      lastModifiedDate: '2024-05-01T10:00:00.000+0000',
      lastModifiedBy: { id: sfId('005', 2), name: null, email: null },
      lastRunDate: '2024-05-02T08:00:00.000+0000',
      url: `https://acme.my.salesforce.com/lightning/r/Report/${report.name}/view`,
      reportType: { type: 'Opportunity', label: 'Opportunities' },
      columns: [
        { name: 'Opportunity.Name', label: 'Opportunity Name', dataType: 'string' },
        { name: 'Account.Name', label: 'Account Name', dataType: 'string' },
      ],
      sourceObjects: ['Opportunity', 'Account'],
      described: true,
      undescribedReason: null,
    });
  });

  it('says why a report has no describe, and links nowhere before the connection logged in', () => {
    const undescribed = reportItem(sfId('00O', 2), {
      $describe: undefined,
      $undescribed: { reason: 'INSUFFICIENT_ACCESS: private folder' },
      CreatedById: null,
    });
    expect(reportView(undescribed, { ...context, instanceUrl: null })).toMatchObject({
      url: null,
      createdBy: null,
      reportType: null,
      columns: null,
      sourceObjects: null,
      described: false,
      undescribedReason: 'INSUFFICIENT_ACCESS: private folder',
    });
  });

  it('reads odd values as null rather than failing', () => {
    const odd = reportItem(sfId('00O', 3), { Name: { nested: true }, Format: 7, $describe: { columns: 'x' } });
    expect(reportView(odd, context)).toMatchObject({
      name: null,
      format: '7',
      reportType: { type: null, label: null },
      columns: [],
      sourceObjects: [],
      described: true,
    });
  });

  it('shows a dashboard with its running user, components and each report once', () => {
    const [a, b] = [sfId('00O', 1), sfId('00O', 2)];
    const dashboard = dashboardItem(sfId('01Z', 1), [a, b, a]);
    const view = dashboardView(dashboard, context);
    expect(view).toMatchObject({
      id: dashboard.name,
      title: 'Dashboard 001AAA',
      type: 'SpecifiedUser',
      runningUser: { id: alice.name, name: 'Alice Admin' },
      url: `https://acme.my.salesforce.com/lightning/r/Dashboard/${dashboard.name}/view`,
      reportIds: [a, b],
      described: true,
    });
    expect(view.components).toHaveLength(3);
    expect(view.components?.[0]).toEqual({ id: expect.any(String), title: 'Chart 0', type: 'Bar', reportId: a });
    expect(dashboardView(dashboardItem(sfId('01Z', 2), [], { $describe: undefined }), context)).toMatchObject({
      components: null,
      reportIds: null,
      described: false,
      undescribedReason: null,
    });
  });

  it('shows an Apex class, with its source only when stored', () => {
    const id = sfId('01p', 1);
    const bare = apexClassView(apexClassItem(id, 'InvoiceService'), context);
    expect(bare).toEqual({
      id,
      name: 'InvoiceService',
      namespace: null,
      apiVersion: 59,
      status: 'Active',
      valid: true,
      length: 120,
      createdDate: '2024-01-02T03:04:05.000+0000',
      createdBy: { id: alice.name, name: 'Alice Admin', email: 'alice.admin@acme.example' },
      lastModifiedDate: '2024-05-01T10:00:00.000+0000',
      lastModifiedBy: { id: alice.name, name: 'Alice Admin', email: 'alice.admin@acme.example' },
      url: `https://acme.my.salesforce.com/lightning/setup/ApexClasses/page?address=%2F${id}`,
    });
    const withSource = apexClassView(
      apexClassItem(id, 'X', { Body: 'public class X {}', ApiVersion: '58.0' }),
      context,
    );
    expect(withSource).toMatchObject({ body: 'public class X {}', apiVersion: 58 });
  });

  it('shows a trigger with its events, state and object, a custom one by name', () => {
    const id = sfId('01q', 1);
    const onCustom = apexTriggerView(apexTriggerItem(id, 'InvoiceTrigger', '01I000000000001AAA'), context);
    expect(onCustom).toMatchObject({
      id,
      name: 'InvoiceTrigger',
      object: 'Invoice__c',
      events: ['before insert', 'after update'],
      active: true,
      bulk: true,
      url: `https://acme.my.salesforce.com/lightning/setup/ApexTriggers/page?address=%2F${id}`,
    });
    expect(onCustom).not.toHaveProperty('body');
    const inactive = apexTriggerItem(id, 'T', 'Account', { Status: 'Inactive', UsageAfterUndelete: true, Body: 'x' });
    expect(apexTriggerView(inactive, context)).toMatchObject({
      object: 'Account',
      events: ['before insert', 'after update', 'after undelete'],
      active: false,
      status: 'Inactive',
      body: 'x',
    });
    // An object the catalog does not hold keeps its id.
    const unknown = apexTriggerItem(id, 'T', '01I000000000009AAA');
    expect(apexTriggerView(unknown, context).object).toBe('01I000000000009AAA');
  });

  it('names the users and custom objects to look up', () => {
    expect(userIdsOf(dashboardItem(sfId('01Z', 1), []).content).sort()).toEqual(
      [sfId('005', 1), sfId('005', 2), sfId('005', 2)].sort(),
    );
    expect(userIdsOf({ $tooling: { createdById: 'a', lastModifiedById: null } })).toEqual(['a']);
    const triggers = [apexTriggerItem('t1', 'A', 'Account'), apexTriggerItem('t2', 'B', '01I000000000001')];
    expect(triggerObjectIds(triggers.map((t) => t.content))).toEqual(['01I000000000001']);
  });
});
