import { describe, expect, it } from 'vitest';
import { get, login, postForm, testApp, testOrgSpec } from './test-support.ts';

const V = '/services/data/v62.0';

/** A test app, a token, the org's runtime, and an If-Modified-Since taken now, before any change. */
async function setup(spec = testOrgSpec()) {
  const { app, state } = await testApp([spec]);
  const token = await login(app);
  return { app, token, runtime: state.orgs.get('acme')!, since: { 'if-modified-since': new Date().toUTCString() } };
}

describe('If-Modified-Since and Last-Modified', () => {
  it('compares a describe with its own object: mutated ones answer 200, with their new Last-Modified', async () => {
    const { app, token, runtime, since } = await setup();
    const generated = runtime.org.lastModified.toUTCString();
    const plain = await get(app, token, `${V}/sobjects/Account/describe`);
    expect(plain.headers['last-modified']).toBe(generated);

    const result = runtime.mutate([{ kind: 'relabelField', object: 'Contact', field: 'Email', label: 'E-mail' }]);
    expect(result).toMatchObject({ changed: ['Contact', 'ContactChangeEvent'] });
    const changedAt = runtime.org.objectsModified.get('Contact')!;
    expect(changedAt.toISOString()).toBe(result.modifiedAt);
    expect(changedAt.getTime()).toBeGreaterThan(Date.parse(since['if-modified-since']));

    const contact = await get(app, token, `${V}/sobjects/contact/describe`, since);
    expect(contact.statusCode).toBe(200);
    expect(contact.headers['last-modified']).toBe(changedAt.toUTCString());
    expect(contact.json().fields.find((f: { name: string }) => f.name === 'Email').label).toBe('E-mail');
    const account = await get(app, token, `${V}/sobjects/Account/describe`, since);
    expect(account.statusCode).toBe(304);
    expect(account.body).toBe('');
    expect(account.headers['last-modified']).toBeUndefined();
    // Its own Last-Modified sent back gets a 304: nothing changed since.
    const again = { 'if-modified-since': contact.headers['last-modified'] as string };
    expect((await get(app, token, `${V}/sobjects/Contact/describe`, again)).statusCode).toBe(304);
  });

  it('answers describeGlobal 304 only when neither the list nor any describe changed since', async () => {
    const { app, token, runtime, since } = await setup();
    expect((await get(app, token, `${V}/sobjects`, since)).statusCode).toBe(304);

    // A field's label changes no entry of the list, but a describe changed: the conservative answer is 200.
    runtime.mutate([{ kind: 'relabelField', object: 'Lead', field: 'Company', label: 'Organisation' }]);
    const afterDescribe = await get(app, token, `${V}/sobjects`, since);
    expect(afterDescribe.statusCode).toBe(200);
    expect(runtime.org.listModified.getTime()).toBeLessThan(Date.parse(since['if-modified-since']));
    const lastModified = afterDescribe.headers['last-modified'] as string;
    expect(lastModified).toBe(runtime.org.lastModified.toUTCString());
    expect((await get(app, token, `${V}/sobjects`, { 'if-modified-since': lastModified })).statusCode).toBe(304);

    runtime.mutate([{ kind: 'addObject', name: 'Carrier__c' }]);
    const afterList = await get(app, token, `${V}/sobjects`, { 'if-modified-since': lastModified });
    expect(afterList.statusCode).toBe(200);
    expect(afterList.json().sobjects.map((s: { name: string }) => s.name)).toContain('Carrier__c');
    // Two changes in one second still get distinct, increasing times.
    expect(Date.parse(afterList.headers['last-modified'] as string)).toBeGreaterThan(Date.parse(lastModified));
    expect(runtime.org.listModified).toEqual(runtime.org.lastModified);
  });

  it('works in /composite: of 25 describes, the 2 mutated answer 200 with Last-Modified, the rest 304', async () => {
    // Enough custom objects for 25 that an admin may change.
    const { app, token, runtime, since } = await setup(testOrgSpec({ customObjects: 12 }));
    const { describes, entities } = runtime.org;
    const names = [...describes.keys()].filter((n) => entities.get(n)!.isCustomizable).slice(0, 25);
    expect(names).toHaveLength(25);
    const [first, second] = [names[3]!, names[17]!];
    runtime.mutate([
      { kind: 'addField', object: first, field: { name: 'Region__c', label: 'Region', type: 'string' } },
      { kind: 'relabelObject', object: second, label: 'Renamed' },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `${V}/composite`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        compositeRequest: names.map((name) => ({
          method: 'GET',
          url: `${V}/sobjects/${name}/describe`,
          referenceId: name,
          httpHeaders: since,
        })),
      },
    });
    expect(res.statusCode).toBe(200);
    const answers = res.json().compositeResponse as { referenceId: string; httpStatusCode: number }[];
    expect(answers.filter((a) => a.httpStatusCode === 200).map((a) => a.referenceId)).toEqual([first, second]);
    for (const answer of answers) {
      const name = answer.referenceId;
      const changed = name === first || name === second;
      expect(answer).toEqual(
        changed
          ? {
              body: runtime.org.describes.get(name),
              httpHeaders: { 'Last-Modified': runtime.org.objectsModified.get(name)!.toUTCString() },
              httpStatusCode: 200,
              referenceId: name,
            }
          : { body: null, httpHeaders: {}, httpStatusCode: 304, referenceId: name },
      );
    }
    expect(runtime.counters.apiUsage).toBe(1);
  });
});

describe('bytesSent', () => {
  it('grows by exactly the body of each answer sent for the org; a 304 adds nothing; reset zeroes it', async () => {
    const { app, token, runtime, since } = await setup();
    const spec = runtime.org.spec;
    const sent = async (send: () => Promise<{ rawPayload: Buffer }>) => {
      const before = runtime.counters.bytesSent;
      const { rawPayload } = await send();
      return { body: rawPayload.length, counted: runtime.counters.bytesSent - before };
    };

    const describe = await sent(() => get(app, token, `${V}/sobjects/Account/describe`));
    expect(describe.body).toBeGreaterThan(10_000);
    expect(describe.counted).toBe(describe.body);
    expect(await sent(() => get(app, token, `${V}/sobjects/Account/describe`, since))).toEqual({
      body: 0,
      counted: 0,
    });
    const answers = [
      () => get(app, token, `${V}/sobjects/Nope__c/describe`),
      () => get(app, token, `/id/${runtime.org.id}/${runtime.org.userId}`),
      () => get(app, token, '/services/data/'),
      () =>
        postForm(app, '/services/oauth2/token', {
          grant_type: 'password',
          client_id: spec.clientId,
          client_secret: spec.clientSecret,
          username: spec.username,
          password: spec.password + spec.securityToken,
        }),
      () =>
        app.inject({
          method: 'POST',
          url: `${V}/composite`,
          headers: { authorization: `Bearer ${token}` },
          payload: { compositeRequest: [{ method: 'GET', url: `${V}/sobjects/Case/describe`, referenceId: 'c' }] },
        }),
    ];
    for (const [i, answer] of answers.entries()) {
      const { body, counted } = await sent(answer);
      expect(body, `answer ${i}`).toBeGreaterThan(0);
      expect(counted, `answer ${i}`).toBe(body);
    }
    // Neither the admin API nor a request that reached no org counts.
    expect((await sent(() => app.inject({ url: '/__admin/orgs/acme/counters' }))).counted).toBe(0);
    expect((await sent(() => app.inject({ url: '/services/data/' }))).counted).toBe(0);
    runtime.resetCounters();
    expect(runtime.counters.bytesSent).toBe(0);
  });
});
