import { describe, expect, it } from 'vitest';
import { applyOddAttributes, oddAttributePlan } from './org/odd-attributes.ts';
import { get, login, testApp, testOrgSpec } from './test-support.ts';

const V = '/services/data/v62.0';

describe('the oddAttributes fault', () => {
  it('serves the planned surprises, plain and inside /composite, only while on', async () => {
    const spec = testOrgSpec({ customObjects: 30 });
    const { app, state } = await testApp([spec]);
    const token = await login(app, spec);
    const runtime = state.orgs.get('acme')!;
    const plan = oddAttributePlan(runtime.org);
    const odd = [...new Set(plan.map((p) => p.object))];
    const names = [...odd, 'Account'];
    const expected = (name: string, on: boolean) => {
      const describe = runtime.org.describes.get(name)!;
      return JSON.parse(JSON.stringify(on ? applyOddAttributes(describe, plan) : describe));
    };
    const served = async () => {
      const plain = [];
      for (const name of names) plain.push((await get(app, token, `${V}/sobjects/${name}/describe`)).json());
      const composite = await app.inject({
        method: 'POST',
        url: `${V}/composite`,
        headers: { authorization: `Bearer ${token}` },
        payload: {
          compositeRequest: names.map((name) => ({
            method: 'GET',
            url: `${V}/sobjects/${name}/describe`,
            referenceId: name,
          })),
        },
      });
      const inComposite = composite
        .json()
        .compositeResponse.map((r: { body: unknown }) => JSON.parse(JSON.stringify(r.body)));
      return { plain, inComposite };
    };
    const global = (await get(app, token, `${V}/sobjects`)).body;

    // Off first, so that the plain bodies are cached before the fault is turned on.
    const off = names.map((name) => expected(name, false));
    expect(await served()).toEqual({ plain: off, inComposite: off });

    runtime.setFaults({ oddAttributes: true });
    const on = names.map((name) => expected(name, true));
    expect(await served()).toEqual({ plain: on, inComposite: on });
    expect(on.at(-1)).toEqual(off.at(-1));
    for (const [i, body] of on.slice(0, -1).entries()) expect(body).not.toEqual(off[i]);
    expect(on.some((body) => body.recordTypeInfos === null)).toBe(true);
    expect((await get(app, token, `${V}/sobjects`)).body).toBe(global);

    runtime.setFaults({});
    expect(await served()).toEqual({ plain: off, inComposite: off });
  });

  it('is refused by the admin API unless a boolean', async () => {
    const { app } = await testApp();
    const put = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: '/__admin/orgs/acme/faults', payload });
    expect((await put({ oddAttributes: true })).json()).toEqual({ oddAttributes: true });
    expect((await put({ oddAttributes: 'yes' })).statusCode).toBe(400);
  });
});
