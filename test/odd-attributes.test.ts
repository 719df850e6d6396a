import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oddAttributePlan, type OddAttribute } from '@sfmeta/simulator/org/odd-attributes';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { listCatalogNames } from './support/catalog-comparison.ts';
import { connect, connectionBody, extract, type RunView } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'quirky',
  seed: 5,
  customObjects: 30,
  fieldsPerObject: 10,
  clientId: 'quirky-client',
  clientSecret: 'quirky-secret-value',
  username: 'admin@quirky.test',
  password: 'quirky-password-value',
  securityToken: 'QUIRKYTOKENVALUE',
};

/** The start of the problem the catalog records for each kind of surprise the simulator plants. */
const problems: Record<OddAttribute['kind'], string> = {
  'number-as-string': 'a number sent as a string',
  'boolean-as-string': 'a boolean sent as a string',
  missing: 'missing',
  'null-list': 'null where a list is expected',
  'unknown-type': 'an unknown field type',
};

type Warning = { object: string; field: string | null; attribute: string; problem: string };
type ObjectView = { recordTypeInfos: unknown[]; fields: Record<string, unknown>[] };

describe('odd attribute values from Salesforce', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ orgs: [org], faults: { oddAttributes: true } });
  });
  afterAll(() => stack?.stop());

  it('never fail the run: the catalog is complete, and a warning names each one', async () => {
    const simulated = stack.simulator.org(org.name);
    const plan = oddAttributePlan(simulated.org);
    expect(new Set(plan.map((odd) => odd.kind)).size).toBe(Object.keys(problems).length);

    const connection = await connect(stack, connectionBody(stack, org));
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.counts.objects).toBe(simulated.org.describes.size);
    expect((await listCatalogNames(stack, connection.id)).sort()).toEqual([...simulated.org.describes.keys()].sort());

    const shown = await stack.call<RunView & { warnings: Warning[] }>('GET', `/api/v1/extractions/${run.id}`);
    expect(shown.body.counts.warnings).toBe(plan.length);
    const warnings = shown.body.warnings.map(({ object, field, attribute, problem }) => ({
      object,
      field,
      attribute,
      problem: Object.values(problems).find((start) => problem.startsWith(start)),
    }));
    const expected = plan.map(({ object, field, attribute, kind }) => ({
      object,
      field,
      attribute,
      problem: problems[kind],
    }));
    const order = (w: { object: string; field: string | null; attribute: string }) =>
      `${w.object}/${w.field}/${w.attribute}`;
    expect(warnings.sort((a, b) => order(a).localeCompare(order(b)))).toEqual(
      expected.sort((a, b) => order(a).localeCompare(order(b))),
    );

    // Each odd value is read as well as it can be: a number or boolean as its value, a missing or null list as
    // empty, an unknown type as sent; every other attribute of the field is exactly Salesforce's.
    for (const odd of plan) {
      const object = await stack.call<ObjectView>('GET', `/api/v1/connections/${connection.id}/objects/${odd.object}`);
      expect(object.status).toBe(200);
      const source = simulated.org.describes.get(odd.object)!;
      if (odd.field === null) {
        expect(object.body.recordTypeInfos).toEqual([]);
        continue;
      }
      const field = object.body.fields.find((f) => f.name === odd.field)!;
      const original = source.fields.find((f) => f.name === odd.field) as unknown as Record<string, unknown>;
      const expectedValue = {
        'number-as-string': original[odd.attribute],
        'boolean-as-string': original[odd.attribute],
        missing: 0,
        'null-list': [],
        'unknown-type': 'vectorembedding',
      }[odd.kind];
      expect(field[odd.attribute], `${odd.object}.${odd.field}.${odd.attribute}`).toEqual(expectedValue);
      for (const [key, value] of Object.entries(original)) {
        if (key !== odd.attribute) expect(field[key], `${odd.object}.${odd.field}.${key}`).toEqual(value);
      }
    }
  });
});
