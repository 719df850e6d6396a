import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, createPkce, createState, webServerScopes } from './web-server-flow.ts';

describe('the web-server flow', () => {
  it('makes an S256 PKCE pair whose challenge is the hash of the verifier', () => {
    const { verifier, challenge } = createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(createPkce().verifier).not.toBe(verifier);
  });

  it('makes unguessable states', () => {
    const states = new Set(Array.from({ length: 100 }, createState));
    expect(states.size).toBe(100);
    for (const state of states) expect(state.length).toBeGreaterThanOrEqual(43);
  });

  it('builds the authorize URL on the connection host with every parameter', () => {
    const url = new URL(
      buildAuthorizeUrl({
        host: 'https://acme.my.salesforce.com',
        clientId: 'client id',
        redirectUri: 'https://sfmeta.example/api/v1/oauth/from_oauth/',
        state: 'state-1',
        codeChallenge: 'challenge-1',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://acme.my.salesforce.com/services/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client id',
      redirect_uri: 'https://sfmeta.example/api/v1/oauth/from_oauth/',
      scope: webServerScopes,
      state: 'state-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
    });
  });
});
