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
        'POST /api/v1/connections/{id}/extractions',
        'GET /api/v1/connections/{id}/objects',
        'GET /api/v1/connections/{id}/objects/{name}',
        'GET /api/v1/extractions/{id}',
      ].sort(),
    );
    const create = spec.paths['/api/v1/connections'].post;
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '413', '415', '503']));
    const created = create.responses['202'].content['application/json'].schema;
    expect(Object.keys(created.properties)).not.toContain('password');
    expect(spec.components.securitySchemes).toHaveProperty('apiKey');
  });

  it('serves the Swagger UI at /docs', async () => {
    const response = await t.app.inject({ url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Swagger UI');
  });
});
