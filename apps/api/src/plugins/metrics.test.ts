import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /metrics', () => {
  it('requires the API key', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
  });

  it('exports queue sizes read at scrape time in the Prometheus text format', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/connections',
      headers: auth,
      payload: { host: 'login.salesforce.com', consumerKey: 'k', consumerSecret: 's', username: 'u', password: 'p' },
    });
    const response = await t.app.inject({ url: '/metrics', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('# TYPE sfmeta_queue_jobs gauge');
    expect(response.body).toContain('sfmeta_queue_jobs{queue="connect",state="waiting"} 1');
    expect(response.body).toContain('sfmeta_queue_jobs{queue="extract",state="waiting"} 0');
    expect(response.body).toContain('sfmeta_process_cpu_seconds_total');
  });

  it('counts requests by route pattern, never by URL', async () => {
    const id = '7f1d3c1e-2b1a-4c4e-9a57-1a2b3c4d5e6f';
    await t.app.inject({ url: `/api/v1/connections/${id}`, headers: auth });
    const body = (await t.app.inject({ url: '/metrics', headers: auth })).body;
    expect(body).toContain('sfmeta_http_requests_total{method="GET",route="/api/v1/connections/:id",status="404"} 1');
    expect(body).toContain(
      'sfmeta_http_request_duration_seconds_count{method="GET",route="/api/v1/connections/:id"} 1',
    );
    expect(body).not.toContain(id);
  });
});
