import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.ts';

/** The parts of an OpenAPI operation this test reads. */
interface Operation {
  parameters?: { name: string; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
}

const SCOPE_SWITCHES = [
  'descriptions',
  'owners',
  'recordCounts',
  'reports',
  'dashboards',
  'apexClasses',
  'apexTriggers',
  'dependencies',
  'apexSource',
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /openapi.json', () => {
  it('names every operation with a unique camelCase operationId, as client generators expect', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const operations = Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (methods) => Object.values(methods),
    );
    const ids = operations.map((operation) => operation.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(operations.length);
    expect(ids).toEqual(expect.arrayContaining(['startExtraction', 'listApexClasses', 'getApexClass', 'getReport']));
  });

  it('describes every API route with its schemas, and nothing internal', async () => {
    const response = await t.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /healthz',
        'GET /readyz',
        'POST /api/v1/connections',
        'GET /api/v1/connections',
        'GET /api/v1/connections/{id}',
        'DELETE /api/v1/connections/{id}',
        'PATCH /api/v1/connections/{id}',
        'GET /api/v1/connections/{id}/extractions',
        'POST /api/v1/connections/{id}/extractions',
        'GET /api/v1/connections/{id}/objects',
        'GET /api/v1/connections/{id}/objects/{name}',
        'GET /api/v1/connections/{id}/lineage',
        'GET /api/v1/connections/{id}/lineage/edges',
        'GET /api/v1/connections/{id}/lineage/warnings',
        'GET /api/v1/connections/{id}/export',
        'GET /api/v1/connections/{id}/objects/{name}/history',
        'GET /api/v1/connections/{id}/reports',
        'GET /api/v1/connections/{id}/reports/{reportId}',
        'GET /api/v1/connections/{id}/dashboards',
        'GET /api/v1/connections/{id}/dashboards/{dashboardId}',
        'GET /api/v1/connections/{id}/apex-classes',
        'GET /api/v1/connections/{id}/apex-classes/{classId}',
        'GET /api/v1/connections/{id}/apex-triggers',
        'GET /api/v1/connections/{id}/apex-triggers/{triggerId}',
        'GET /api/v1/connections/{id}/changes',
        'GET /api/v1/connections/{id}/retention',
        'PUT /api/v1/connections/{id}/retention',
        'GET /api/v1/extractions/{id}',
        'POST /api/v1/connections/{id}/reauthorize',
        'GET /api/v1/oauth/from_oauth/',
        'POST /api/v1/connections/{id}/webhooks',
        'GET /api/v1/connections/{id}/webhooks',
        'DELETE /api/v1/connections/{id}/webhooks/{webhookId}',
        'GET /api/v1/connections/{id}/webhooks/{webhookId}/deliveries',
        'PUT /api/v1/connections/{id}/schedule',
        'GET /api/v1/connections/{id}/schedule',
        'DELETE /api/v1/connections/{id}/schedule',
      ].sort(),
    );
    const create = spec.paths['/api/v1/connections'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.then.additionalProperties).toBe(false);
    expect(body.else.additionalProperties).toBe(false);
    expect(Object.keys(body.then.properties).sort()).toEqual([
      'authType',
      'consumerKey',
      'consumerSecret',
      'host',
      'maxConcurrentRequests',
      'scope',
    ]);
    expect(Object.keys(body.else.properties.scope.properties).sort()).toEqual([...SCOPE_SWITCHES, 'objects'].sort());
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '202', '400', '401', '413', '415', '503']),
    );
    const created = create.responses['202'].content['application/json'].schema;
    expect(Object.keys(created.properties)).not.toContain('password');
    expect(Object.keys(create.responses['201'].content['application/json'].schema.properties)).toContain(
      'authorizeUrl',
    );

    const callback = spec.paths['/api/v1/oauth/from_oauth/'].get;
    expect(callback.security).toEqual([]);
    expect(callback.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'code',
      'error',
      'error_description',
      'state',
    ]);
    expect(Object.keys(callback.responses['200'].content)).toEqual(['text/html']);
    expect(Object.keys(callback.responses)).toEqual(expect.arrayContaining(['200', '302', '400', '503']));
    const reauthorize = spec.paths['/api/v1/connections/{id}/reauthorize'].post;
    expect(Object.keys(reauthorize.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    const patch = spec.paths['/api/v1/connections/{id}'].patch;
    const patchBody = patch.requestBody.content['application/json'].schema;
    expect(patchBody).toMatchObject({ additionalProperties: false, minProperties: 1 });
    expect(Object.keys(patchBody.properties).sort()).toEqual([
      'consumerKey',
      'consumerSecret',
      'host',
      'maxConcurrentRequests',
      'password',
      'scope',
      'securityToken',
      'username',
    ]);
    expect(patchBody.required ?? []).toEqual([]);
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '404', '409', '503']));
    expect(Object.keys(patch.responses['202'].content['application/json'].schema.properties)).not.toContain('password');
    expect(spec.components.securitySchemes).toHaveProperty('apiKey');
    const shown = spec.paths['/api/v1/connections/{id}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(shown.properties.scope.properties).sort()).toEqual([...SCOPE_SWITCHES, 'objects'].sort());
  });

  it('documents the catalog: Tooling attributes, reports, dashboards, Apex and extraction counts', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const answer = (path: string) => spec.paths[path].get.responses['200'].content['application/json'].schema;
    const setup = ['description', 'namespace', 'manageableState', 'createdDate', 'createdBy', 'lastModifiedDate'];
    const object = answer('/api/v1/connections/{id}/objects/{name}');
    expect(Object.keys(object.properties)).toEqual(expect.arrayContaining([...setup, 'lastModifiedBy', 'url']));
    expect(Object.keys(object.properties.fields.items.properties)).toEqual(expect.arrayContaining([...setup, 'url']));
    const line = answer('/api/v1/connections/{id}/objects').properties.items.items;
    expect(Object.keys(line.properties)).toEqual(expect.arrayContaining([...setup, 'url', 'recordCount']));
    const listing = spec.paths['/api/v1/connections/{id}/objects'].get;
    expect(listing.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'after',
      'id',
      'limit',
      'q',
      'run',
    ]);

    const views: Record<string, string[]> = {
      reports: ['id', 'owner', 'lastRunDate', 'reportType', 'columns', 'sourceObjects', 'described', 'url'],
      dashboards: ['id', 'title', 'runningUser', 'components', 'reportIds', 'undescribedReason', 'url'],
      'apex-classes': ['id', 'name', 'apiVersion', 'status', 'valid', 'length', 'createdBy', 'body', 'url'],
      'apex-triggers': ['id', 'object', 'events', 'active', 'bulk', 'lastModifiedBy', 'body', 'url'],
    };
    for (const [path, keys] of Object.entries(views)) {
      const list = spec.paths[`/api/v1/connections/{id}/${path}`].get;
      expect(list.parameters.map((p: { name: string }) => p.name).sort(), path).toEqual([
        'after',
        'id',
        'limit',
        'q',
        'run',
      ]);
      expect(Object.keys(list.responses), path).toEqual(expect.arrayContaining(['200', '404', '401']));
      const page = answer(`/api/v1/connections/{id}/${path}`);
      expect(Object.keys(page.properties).sort(), path).toEqual(['extractedAt', 'items', 'next', 'runId']);
      const [one] = Object.entries(spec.paths as Record<string, { get: Operation }>).filter(([p]) =>
        p.startsWith(`/api/v1/connections/{id}/${path}/{`),
      );
      const item = answer(one?.[0] as string);
      expect(Object.keys(item.properties), path).toEqual(expect.arrayContaining(keys));
      expect(page.properties.items.items, path).toEqual(item);
    }

    const run = answer('/api/v1/extractions/{id}');
    expect(Object.keys(run.properties.counts.properties)).toEqual(
      expect.arrayContaining(['reports', 'dashboards', 'apexClasses', 'apexTriggers', 'skippedParts']),
    );
    expect(run.properties.skipped.items.required.sort()).toEqual(['code', 'message', 'part']);
  });

  it('refuses NUL and unpaired surrogates in every request string it documents', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    // Salesforce's own error text on the callback is made storable rather than refused.
    const sanitized = new Set([
      'GET /api/v1/oauth/from_oauth/ error',
      'GET /api/v1/oauth/from_oauth/ error_description',
    ]);
    const unchecked: string[] = [];
    const visit = (schema: unknown, where: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      if (node.type === 'string' && node.const === undefined && node.enum === undefined) {
        const pattern = typeof node.pattern === 'string' ? new RegExp(node.pattern, 'u') : undefined;
        const refuses =
          node.format === 'text' || (pattern !== undefined && !pattern.test('1\u0000') && !pattern.test('\ud800'));
        if (!refuses && !sanitized.has(where)) unchecked.push(where);
        return;
      }
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties') {
          for (const [name, property] of Object.entries(value as Record<string, unknown>))
            visit(property, `${where} ${name}`);
        } else if (key !== 'if') {
          // `if` only selects the branch; its strings are checked in `then` and `else`.
          visit(value, where);
        }
      }
    };
    let inputs = 0;
    for (const [path, methods] of Object.entries(spec.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const parameter of operation.parameters ?? []) {
          inputs += 1;
          visit(parameter.schema, `${where} ${parameter.name}`);
        }
        if (operation.requestBody) {
          inputs += 1;
          visit(operation.requestBody.content['application/json']?.schema, where);
        }
      }
    }
    expect(inputs).toBeGreaterThan(10);
    expect(unchecked).toEqual([]);
  });

  it('serves the Swagger UI at /docs', async () => {
    const response = await t.app.inject({ url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Swagger UI');
  });
});
