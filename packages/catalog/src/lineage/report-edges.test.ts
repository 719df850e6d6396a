import { describe, expect, it } from 'vitest';
import { buildLineage } from './build-lineage.ts';
import { lineageInput, smallOrg } from './fixtures/lineage-catalog.ts';
import type { LineageReport } from './lineage-types.ts';

const lineageOf = (reports: LineageReport[]) => buildLineage(lineageInput({ objects: smallOrg(), reports }));

const pairs = (kind: string, reports: LineageReport[]) =>
  lineageOf(reports)
    .edges.filter((edge) => edge.kind === kind)
    .map(({ source, target, detail }) => (detail.columns ? [source, target, detail.columns] : [source, target]));

describe('report edges', () => {
  it('finds the base object in the report type: a name, a name with List, or a custom entity', () => {
    const reports = [
      { id: 'R1', reportType: 'AccountList', columns: [] },
      { id: 'R2', reportType: 'contact', columns: [] },
      { id: 'R3', reportType: 'CustomEntity$Line__c', columns: [] },
      { id: 'R4', reportType: 'CustomEntityCustomEntity$Invoice__c$Line__c', columns: [] },
      { id: 'R5', reportType: null, columns: [] },
    ];
    expect(pairs('report_object', reports)).toEqual([
      ['Account', 'report:R1'],
      ['Contact', 'report:R2'],
      ['Invoice__c', 'report:R4'],
      ['Line__c', 'report:R3'],
    ]);
    expect(lineageOf(reports).warnings).toEqual([]);
  });

  it('resolves columns by object and field in any case, or as a path from the base object', () => {
    const reports = [
      {
        id: 'R1',
        reportType: 'AccountList',
        columns: ['ACCOUNT.NAME', 'Account.Name', 'Account.Owner.Email', 'Owner.Name', 'Contact.Email', 'INDUSTRY'],
      },
    ];
    expect(pairs('report_field', reports)).toEqual([
      ['Account.Industry', 'report:R1', ['INDUSTRY']],
      ['Account.Name', 'report:R1', ['ACCOUNT.NAME', 'Account.Name']],
      ['Contact.Email', 'report:R1', ['Contact.Email']],
      ['User.Email', 'report:R1', ['Account.Owner.Email']],
      ['User.Name', 'report:R1', ['Owner.Name']],
    ]);
    expect(pairs('report_object', reports)).toEqual([
      ['Account', 'report:R1'],
      ['Contact', 'report:R1'],
      ['User', 'report:R1'],
    ]);
  });

  it('reads the columns of a report whose type is unknown', () => {
    expect(pairs('report_field', [{ id: 'R1', reportType: null, columns: ['Account.Name'] }])).toEqual([
      ['Account.Name', 'report:R1', ['Account.Name']],
    ]);
  });

  it('warns on the report about a type or a column it cannot resolve', () => {
    const reports = [
      { id: 'R1', reportType: 'Opportunity', columns: ['AMOUNT', 'Opportunity.Amount'] },
      { id: 'R2', reportType: 'CustomEntity$Gone__c', columns: [] },
      { id: 'R3', reportType: 'AccountList', columns: ['Account.Nope', 'USERS.NAME', 'TYPE'] },
    ];
    expect(lineageOf(reports).warnings).toEqual([
      { node: 'report:R1', reference: 'AMOUNT', message: 'the report has no base object' },
      {
        node: 'report:R1',
        reference: 'Opportunity',
        message: 'report type Opportunity names no object of the catalog',
      },
      { node: 'report:R1', reference: 'Opportunity.Amount', message: 'Opportunity is not in the catalog' },
      {
        node: 'report:R2',
        reference: 'CustomEntity$Gone__c',
        message: 'report type CustomEntity$Gone__c reads Gone__c, which is not in the catalog',
      },
      { node: 'report:R3', reference: 'Account.Nope', message: 'Account has no field named Nope' },
      { node: 'report:R3', reference: 'TYPE', message: 'Account has no field named TYPE' },
      {
        node: 'report:R3',
        reference: 'USERS.NAME',
        message: 'USERS is not in the catalog, and from Account: Account has no relationship named USERS',
      },
    ]);
  });
});

describe('dashboard edges', () => {
  it('links each distinct report of a dashboard once', () => {
    const dashboards = [
      { id: 'D1', reportIds: ['R2', 'R1', 'R2', ''] },
      { id: 'D2', reportIds: [] },
    ];
    const { edges } = buildLineage(lineageInput({ dashboards }));
    expect(edges).toEqual([
      { kind: 'dashboard_report', source: 'report:R1', target: 'dashboard:D1', detail: {} },
      { kind: 'dashboard_report', source: 'report:R2', target: 'dashboard:D1', detail: {} },
    ]);
  });
});
