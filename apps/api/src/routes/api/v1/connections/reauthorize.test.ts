import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestApp, oauthConnection, validConnection, type TestApp } from '../../../../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const create = async (payload: object) =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/connections', headers: auth, payload })).json();
const reauthorize = (id: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/connections/${id}/reauthorize`, headers: auth });
const stateOf = (authorizeUrl: string) => new URL(authorizeUrl).searchParams.get('state') as string;
const callback = (query: Record<string, string>) => t.app.inject({ url: '/api/v1/oauth/from_oauth/', query });

describe('POST /api/v1/connections/:id/reauthorize', () => {
  it('issues a new authorize URL, invalidates the old one and waits for authorization again', async () => {
    const created = await create(oauthConnection);
    await t.app.stores.connections.markNeedsReauth(created.id, 'invalid_grant', 'expired access/refresh token');
    const needsReauth = (await t.app.inject({ url: `/api/v1/connections/${created.id}`, headers: auth })).json();
    expect(needsReauth.status).toBe('needs_reauth');
    expect(needsReauth.actions).toEqual({ reauthorize: `/api/v1/connections/${created.id}/reauthorize` });

    const response = await reauthorize(created.id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      id: created.id,
      authType: 'oauth',
      status: 'awaiting_authorization',
      statusReason: null,
    });
    const url = new URL(body.authorizeUrl);
    expect(url.origin + url.pathname).toBe('https://acme.my.salesforce.com/services/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(oauthConnection.consumerKey);
    expect(url.searchParams.get('code_challenge')).not.toBe(
      new URL(created.authorizeUrl).searchParams.get('code_challenge'),
    );
    const oldState = stateOf(created.authorizeUrl);
    const newState = stateOf(body.authorizeUrl);
    expect(newState).not.toBe(oldState);

    const old = await callback({ code: 'code-for-the-old-url', state: oldState });
    expect(old.statusCode).toBe(400);
    expect(old.json().code).toBe('INVALID_STATE');
    expect((await t.app.stores.connections.get(created.id))?.status).toBe('awaiting_authorization');

    expect((await callback({ code: 'code-for-the-new-url', state: newState })).statusCode).toBe(200);
    const pending = (await t.app.inject({ url: `/api/v1/connections/${created.id}`, headers: auth })).json();
    expect(pending.status).toBe('pending');
    expect(pending.actions).toBeNull();
  });

  it('refuses a password connection with 409 NOT_OAUTH_CONNECTION and changes nothing', async () => {
    const created = await create(validConnection);
    const response = await reauthorize(created.id);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ statusCode: 409, code: 'NOT_OAUTH_CONNECTION' });
    expect((await t.app.stores.connections.get(created.id))?.status).toBe('pending');
    const { rows } = await t.app.database.query('SELECT 1 FROM oauth_states WHERE connection_id = $1', [created.id]);
    expect(rows).toEqual([]);
  });

  it('answers 404 for an unknown connection and requires the API key', async () => {
    expect((await reauthorize(randomUUID())).statusCode).toBe(404);
    const created = await create(oauthConnection);
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/connections/${created.id}/reauthorize` });
    expect(anonymous.statusCode).toBe(401);
  });
});
