import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /openapi.json', () => {
  it('describes every API route with its schemas, and nothing internal', async () => {
    const response = await t.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /healthz',
        'GET /readyz',
        'POST /api/v1/connections',
        'GET /api/v1/connections',
        'GET /api/v1/connections/{id}',
        'DELETE /api/v1/connections/{id}',
        'GET /api/v1/connections/{id}/extractions',
        'POST /api/v1/connections/{id}/extractions',
        'GET /api/v1/connections/{id}/objects',
        'GET /api/v1/connections/{id}/objects/{name}',
        'GET /api/v1/extractions/{id}',
        'POST /api/v1/connections/{id}/reauthorize',
        'GET /api/v1/oauth/from_oauth/',
      ].sort(),
    );
    const create = spec.paths['/api/v1/connections'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.then.additionalProperties).toBe(false);
    expect(body.else.additionalProperties).toBe(false);
    expect(Object.keys(body.then.properties).sort()).toEqual(['authType', 'consumerKey', 'consumerSecret', 'host']);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '202', '400', '401', '413', '415', '503']));
    const created = create.responses['202'].content['application/json'].schema;
    expect(Object.keys(created.properties)).not.toContain('password');
    expect(Object.keys(create.responses['201'].content['application/json'].schema.properties)).toContain('authorizeUrl');

    const callback = spec.paths['/api/v1/oauth/from_oauth/'].get;
    expect(callback.security).toEqual([]);
    expect(callback.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(
      ['code', 'error', 'error_description', 'state'],
    );
    expect(Object.keys(callback.responses['200'].content)).toEqual(['text/html']);
    expect(Object.keys(callback.responses)).toEqual(expect.arrayContaining(['200', '302', '400', '503']));
    const reauthorize = spec.paths['/api/v1/connections/{id}/reauthorize'].post;
    expect(Object.keys(reauthorize.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    expect(spec.components.securitySchemes).toHaveProperty('apiKey');
  });

  it('serves the Swagger UI at /docs', async () => {
    const response = await t.app.inject({ url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Swagger UI');
  });
});
