import { expect } from 'vitest';
import type { Org } from '@sfmeta/simulator/generate-org';
import { soqlDateTime } from '@sfmeta/simulator/soql/query-table';
import type { Stack } from './stack.ts';

/** The API's paths for the kinds beyond objects, and the change-history kind of each. */
export const itemPaths = ['reports', 'dashboards', 'apex-classes', 'apex-triggers'] as const;

type Item = Record<string, unknown> & { id: string };

/** Every item of a kind in a connection's latest catalog, read page by page (`pageSize` at a time). */
export async function listItems(stack: Stack, connectionId: string, path: string, pageSize = 50): Promise<Item[]> {
  const items: Item[] = [];
  let after: string | null = '';
  while (after !== null) {
    const page: { status: number; body: { items: Item[]; next: string | null } } = await stack.call(
      'GET',
      `/api/v1/connections/${connectionId}/${path}?limit=${pageSize}${after ? `&after=${after}` : ''}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    after = page.body.next;
  }
  return items;
}

const date = (value: Date | null) => (value === null ? null : soqlDateTime(value));

/** How the API shows a user of the org: id, name and e-mail, as the org's User table has them. */
function userOf(org: Org, id: string | null) {
  if (id === null) return null;
  const user = org.users.find((candidate) => candidate.id === id);
  return { id, name: user?.name ?? null, email: user?.email ?? null };
}

function audit(
  org: Org,
  stamp: { createdDate: Date; createdById: string; lastModifiedDate: Date; lastModifiedById: string },
) {
  return {
    createdDate: date(stamp.createdDate),
    createdBy: userOf(org, stamp.createdById),
    lastModifiedDate: date(stamp.lastModifiedDate),
    lastModifiedBy: userOf(org, stamp.lastModifiedById),
  };
}

/** The objects of `Object.Field` columns and the report's own object, sorted, each once. */
function sourceObjects(object: string, columns: readonly string[]): string[] {
  return [...new Set([object, ...columns.map((column) => column.slice(0, column.indexOf('.')))])].sort();
}

/**
 * Asserts that the API serves exactly the simulated org's reports, dashboards, Apex classes and triggers:
 * every one of them, nothing else, each attribute as the org has it, owners resolved to the org's users.
 */
export async function expectSetupEqualsOrg(stack: Stack, connectionId: string, org: Org, instanceUrl: string) {
  const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));
  const sortedIds = (items: readonly { id: string }[]) => items.map((item) => item.id).sort();

  const reports = byId(await listItems(stack, connectionId, 'reports', 7));
  expect([...reports.keys()]).toEqual(sortedIds(org.reports));
  for (const report of org.reports) {
    expect(reports.get(report.id), report.id).toMatchObject({
      id: report.id,
      name: report.name,
      developerName: report.developerName,
      folder: report.folderName,
      format: report.format,
      description: report.description,
      namespace: report.namespacePrefix,
      owner: userOf(org, report.ownerId),
      ...audit(org, report),
      lastRunDate: date(report.lastRunDate),
      url: `${instanceUrl}/lightning/r/Report/${report.id}/view`,
      reportType: { type: report.reportType },
      columns: report.detailColumns.map((name) => expect.objectContaining({ name })),
      sourceObjects: sourceObjects(report.object, report.detailColumns),
      described: true,
      undescribedReason: null,
    });
  }

  const dashboards = byId(await listItems(stack, connectionId, 'dashboards', 4));
  expect([...dashboards.keys()]).toEqual(sortedIds(org.dashboards));
  for (const dashboard of org.dashboards) {
    expect(dashboards.get(dashboard.id), dashboard.id).toMatchObject({
      id: dashboard.id,
      title: dashboard.title,
      developerName: dashboard.developerName,
      folder: dashboard.folderName,
      description: dashboard.description,
      type: dashboard.type,
      runningUser: userOf(org, dashboard.runningUserId),
      namespace: dashboard.namespacePrefix,
      ...audit(org, dashboard),
      url: `${instanceUrl}/lightning/r/Dashboard/${dashboard.id}/view`,
      components: dashboard.components.map((component) =>
        expect.objectContaining({ id: component.id, reportId: component.reportId }),
      ),
      reportIds: [...new Set(dashboard.components.map((component) => component.reportId))],
      described: true,
    });
  }

  const classes = byId(await listItems(stack, connectionId, 'apex-classes'));
  expect([...classes.keys()]).toEqual(sortedIds(org.apexClasses));
  for (const apexClass of org.apexClasses) {
    expect(classes.get(apexClass.id), apexClass.id).toEqual({
      id: apexClass.id,
      name: apexClass.name,
      namespace: apexClass.namespacePrefix,
      apiVersion: apexClass.apiVersion,
      status: apexClass.status,
      valid: apexClass.isValid,
      length: apexClass.lengthWithoutComments,
      ...audit(org, apexClass),
      url: `${instanceUrl}/lightning/setup/ApexClasses/page?address=%2F${apexClass.id}`,
    });
  }

  const triggers = byId(await listItems(stack, connectionId, 'apex-triggers'));
  expect([...triggers.keys()]).toEqual(sortedIds(org.apexTriggers));
  for (const trigger of org.apexTriggers) {
    expect(triggers.get(trigger.id), trigger.id).toMatchObject({
      id: trigger.id,
      name: trigger.name,
      namespace: trigger.namespacePrefix,
      object: trigger.object,
      active: trigger.status === 'Active',
      apiVersion: trigger.apiVersion,
      ...audit(org, trigger),
      url: `${instanceUrl}/lightning/setup/ApexTriggers/page?address=%2F${trigger.id}`,
    });
    expect([...((triggers.get(trigger.id)?.events as string[]) ?? [])].sort()).toEqual([...trigger.events].sort());
  }
}

/**
 * Asserts that every object and field of the catalog carries the org's Tooling facts: description,
 * namespace, last change and its author, and for what an admin created (custom objects and fields)
 * the creation and its author and the managed state.
 */
export async function expectToolingFactsEqualOrg(stack: Stack, connectionId: string, org: Org): Promise<void> {
  for (const [name, entity] of org.entities) {
    const response = await stack.call<Record<string, unknown> & { fields: Record<string, unknown>[] }>(
      'GET',
      `/api/v1/connections/${connectionId}/objects/${name}`,
    );
    expect(response.status, name).toBe(200);
    const object = response.body;
    const created = name.endsWith('__c') && entity.isCustomizable;
    expect(object, name).toMatchObject({
      description: entity.description,
      namespace: entity.namespacePrefix,
      lastModifiedDate: date(entity.lastModified),
      lastModifiedBy: userOf(org, entity.lastModifiedById),
      manageableState: created ? entity.manageableState : null,
      createdDate: created ? date(entity.createdDate) : null,
      createdBy: created ? userOf(org, entity.createdById) : null,
    });
    expect(object).not.toHaveProperty('$tooling');
    for (const field of object.fields) {
      const facts = entity.fields.get(String(field.name));
      const fieldCreated = entity.isCustomizable && facts?.durableId.split('.').at(-1)?.startsWith('00N') === true;
      expect(field, `${name}.${String(field.name)}`).toMatchObject({
        description: facts?.description ?? null,
        lastModifiedDate: facts ? date(facts.lastModified) : null,
        lastModifiedBy: facts ? userOf(org, facts.lastModifiedById) : null,
        createdDate: fieldCreated && facts ? date(facts.createdDate) : null,
        createdBy: fieldCreated && facts ? userOf(org, facts.createdById) : null,
      });
      expect(field).not.toHaveProperty('$tooling');
    }
  }
}
