import { expect } from 'vitest';
import type { Org } from '@sfmeta/simulator/generate-org';
import type { Stack } from './stack.ts';

/** Every field attribute that SALESFORCE.md lists; the catalog must keep each one exactly. */
export const fieldAttributes = [
  'name',
  'label',
  'type',
  'soapType',
  'length',
  'precision',
  'scale',
  'digits',
  'byteLength',
  'nillable',
  'unique',
  'externalId',
  'idLookup',
  'calculated',
  'calculatedFormula',
  'defaultValue',
  'defaultValueFormula',
  'inlineHelpText',
  'referenceTo',
  'relationshipName',
  'relationshipOrder',
  'cascadeDelete',
  'picklistValues',
  'controllerName',
  'dependentPicklist',
  'restrictedPicklist',
  'autoNumber',
  'compoundFieldName',
  'encrypted',
  'custom',
  'deprecatedAndHidden',
] as const;

export const objectAttributes = ['name', 'label', 'labelPlural', 'custom', 'keyPrefix', 'queryable'] as const;

interface ObjectView {
  [key: string]: unknown;
  fields: Record<string, unknown>[];
  recordTypeInfos: unknown[];
  childRelationships: unknown[];
}

/** Every object name of a connection's latest catalog, read page by page. */
export async function listCatalogNames(stack: Stack, connectionId: string): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = '';
  while (after !== null) {
    const query: string = after ? `?after=${encodeURIComponent(after)}` : '';
    const page = await stack.call<{ items: { name: string }[]; next: string | null }>(
      'GET',
      `/api/v1/connections/${connectionId}/objects${query}`,
    );
    expect(page.status).toBe(200);
    names.push(...page.body.items.map((item) => item.name));
    after = page.body.next;
  }
  return names;
}

/** Asserts that the API serves exactly the simulator's org: every object, every field attribute. */
export async function expectCatalogEqualsOrg(stack: Stack, connectionId: string, org: Org): Promise<void> {
  const expectedNames = org.describeGlobal.sobjects.map((object) => object.name).sort();
  expect((await listCatalogNames(stack, connectionId)).sort()).toEqual(expectedNames);

  // Read a few objects at a time: big orgs have thousands.
  const responses = new Map<string, { status: number; body: ObjectView }>();
  for (let start = 0; start < expectedNames.length; start += 16) {
    const names = expectedNames.slice(start, start + 16);
    const batch = await Promise.all(
      names.map((name) => stack.call<ObjectView>('GET', `/api/v1/connections/${connectionId}/objects/${name}`)),
    );
    for (const [index, response] of batch.entries()) responses.set(names[index]!, response);
  }
  for (const name of expectedNames) {
    const expected = org.describes.get(name) as unknown as ObjectView;
    const response = responses.get(name)!;
    expect(response.status, name).toBe(200);
    const actual = response.body;
    for (const attribute of objectAttributes)
      expect(actual[attribute], `${name}.${attribute}`).toEqual(expected[attribute]);
    expect(actual.recordTypeInfos, `${name}.recordTypeInfos`).toEqual(expected.recordTypeInfos);
    expect(actual.childRelationships, `${name}.childRelationships`).toEqual(expected.childRelationships);
    expect(
      actual.fields.map((field) => field.name),
      `${name} fields`,
    ).toEqual(expected.fields.map((field) => field.name));
    expected.fields.forEach((expectedField, index) => {
      const actualField = actual.fields[index] ?? {};
      for (const attribute of fieldAttributes) {
        expect(actualField[attribute], `${name}.${String(expectedField.name)}.${attribute}`).toEqual(
          expectedField[attribute],
        );
      }
    });
  }
}
