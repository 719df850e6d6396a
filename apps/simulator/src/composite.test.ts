import { describe, expect, it } from 'vitest';
import { login, testApp } from './test-support.ts';

const V = '/services/data/v62.0';

describe('composite', () => {
  it('runs GET subrequests and counts as one API call', async () => {
    const { app, state } = await testApp();
    const token = await login(app);
    const runtime = state.orgs.get('acme')!;
    const res = await app.inject({
      method: 'POST',
      url: `${V}/composite`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        allOrNone: false,
        compositeRequest: [
          { method: 'GET', url: `${V}/sobjects/Account/describe`, referenceId: 'acc' },
          { method: 'GET', url: `${V}/sobjects/Nope__c/describe`, referenceId: 'nope' },
          {
            method: 'GET',
            url: `${V}/query?q=${encodeURIComponent('SELECT Id FROM Report LIMIT 2')}`,
            referenceId: 'q',
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const [acc, nope, query] = res.json().compositeResponse;
    expect(acc).toEqual({
      body: runtime.org.describes.get('Account'),
      httpHeaders: { 'Last-Modified': runtime.org.objectsModified.get('Account')!.toUTCString() },
      httpStatusCode: 200,
      referenceId: 'acc',
    });
    expect(nope).toMatchObject({ httpStatusCode: 404, body: [{ errorCode: 'NOT_FOUND' }], referenceId: 'nope' });
    expect(query.body.records).toHaveLength(2);
    expect(runtime.counters).toMatchObject({ apiUsage: 1, byKind: { composite: 1, describe: 0, query: 0 } });
    expect(res.headers['sforce-limit-info']).toBe('api-usage=1/15000');
  });

  it('refuses more than 25 subrequests', async () => {
    const { app } = await testApp();
    const token = await login(app);
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({
      method: 'GET',
      url: `${V}/limits`,
      referenceId: `r${i}`,
    }));
    const res = await app.inject({
      method: 'POST',
      url: `${V}/composite`,
      headers: { authorization: `Bearer ${token}` },
      payload: { compositeRequest },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()[0].errorCode).toBeDefined();
  });

  it('charges each batch subrequest', async () => {
    const { app, state } = await testApp();
    const token = await login(app);
    const res = await app.inject({
      method: 'POST',
      url: `${V}/composite/batch`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        haltOnError: false,
        batchRequests: [
          { method: 'GET', url: 'v62.0/sobjects/Contact/describe' },
          { method: 'GET', url: `${V}/sobjects` },
          { method: 'GET', url: `${V}/sobjects/Nope__c/describe` },
        ],
      },
    });
    const body = res.json();
    expect(body.hasErrors).toBe(true);
    expect(body.results.map((r: { statusCode: number }) => r.statusCode)).toEqual([200, 200, 404]);
    expect(body.results[0].result.name).toBe('Contact');
    expect(state.orgs.get('acme')!.counters).toMatchObject({ apiUsage: 3, byKind: { composite_batch: 1 } });
  });
});
