import { describe, expect, it } from 'vitest';
import { get, login, testApp, testOrgSpec } from './test-support.ts';

const V = '/services/data/v62.0';

describe('REST basics', () => {
  it('lists versions without auth or Sforce-Limit-Info', async () => {
    const { app } = await testApp();
    const res = await app.inject({ url: '/services/data/' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toContainEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
    expect(res.headers['sforce-limit-info']).toBeUndefined();
  });

  it('answers 401 INVALID_SESSION_ID without a valid token', async () => {
    const { app } = await testApp();
    for (const headers of [{}, { authorization: 'Bearer 00Dxx!nope' }]) {
      const res = await app.inject({ url: `${V}/sobjects`, headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
  });

  it('answers 404 and 405 with Salesforce bodies', async () => {
    const { app } = await testApp();
    const token = await login(app);
    const notFound = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    for (const url of [
      `${V}/sobjects/Nope__c/describe`,
      `${V}/nowhere`,
      '/services/data/v99.0/sobjects',
      '/elsewhere',
    ]) {
      const res = await get(app, token, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toBe(JSON.stringify(notFound));
    }
    const res = await app.inject({
      method: 'DELETE',
      url: `${V}/sobjects`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(405);
    expect(res.json()).toEqual([
      { errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'DELETE' not allowed. Allowed are GET" },
    ]);
  });

  it('serves describes with Sforce-Limit-Info and honours If-Modified-Since', async () => {
    const { app, state } = await testApp();
    const token = await login(app);
    const org = state.orgs.get('acme')!.org;
    const res = await get(app, token, `${V}/sobjects/account/describe`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(res.headers['sforce-limit-info']).toBe('api-usage=1/15000');
    expect(res.body).toBe(JSON.stringify(org.describes.get('Account')));
    const later = new Date(org.lastModified.getTime() + 1000).toUTCString();
    const earlier = new Date(org.lastModified.getTime() - 1000).toUTCString();
    for (const url of [`${V}/sobjects`, `${V}/sobjects/Account/describe`]) {
      const fresh = await get(app, token, url, { 'if-modified-since': later });
      expect(fresh.statusCode).toBe(304);
      expect(fresh.body).toBe('');
      expect((await get(app, token, url, { 'if-modified-since': earlier })).statusCode).toBe(200);
    }
  });

  it('rewrites describe urls for the requested version', async () => {
    const { app } = await testApp();
    const token = await login(app);
    const body = (await get(app, token, '/services/data/v58.0/sobjects')).json();
    expect(body.sobjects[0].urls.describe).toMatch(/^\/services\/data\/v58\.0\/sobjects\/.+\/describe$/);
  });

  it('enforces the daily API limit with 403 REQUEST_LIMIT_EXCEEDED', async () => {
    const { app } = await testApp([testOrgSpec({ dailyApiLimit: 2 })]);
    const token = await login(app);
    expect((await get(app, token, `${V}/limits`)).json().DailyApiRequests).toEqual({ Max: 2, Remaining: 1 });
    expect((await get(app, token, `${V}/sobjects`)).statusCode).toBe(200);
    const res = await get(app, token, `${V}/sobjects`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(res.headers['sforce-limit-info']).toBe('api-usage=2/2');
  });

  it('answers recordCount for named objects, silently skipping unknown ones', async () => {
    const { app, state } = await testApp();
    const token = await login(app);
    const counts = state.orgs.get('acme')!.org.recordCounts;
    const res = await get(app, token, `${V}/limits/recordCount?sObjects=Account,Nope__c,Contact`);
    expect(res.json()).toEqual({
      sObjects: [
        { count: counts.get('Account'), name: 'Account' },
        { count: counts.get('Contact'), name: 'Contact' },
      ],
    });
    expect((await get(app, token, `${V}/limits/recordCount`)).json().sObjects).toHaveLength(counts.size);
  });

  it('counts requests per kind', async () => {
    const { app, state } = await testApp();
    const token = await login(app);
    await get(app, token, `${V}/sobjects`);
    await get(app, token, `${V}/sobjects/Account/describe`);
    await get(app, token, `${V}/limits`);
    await get(app, token, `${V}/limits/recordCount`);
    await get(app, token, `${V}/query?q=${encodeURIComponent('SELECT Id FROM Account LIMIT 1')}`);
    await get(app, token, `${V}/tooling/query?q=${encodeURIComponent('SELECT Id, Name FROM ApexClass')}`);
    await get(app, token, `${V}/nowhere`);
    const runtime = state.orgs.get('acme')!;
    expect(runtime.counters).toMatchObject({
      total: 8,
      apiUsage: 7,
      logins: 1,
      byKind: {
        oauth_token: 1,
        describe_global: 1,
        describe: 1,
        limits: 1,
        record_count: 1,
        query: 1,
        tooling_query: 1,
        other: 1,
        composite: 0,
      },
    });
    runtime.resetCounters();
    expect(runtime.counters.total).toBe(0);
  });
});
