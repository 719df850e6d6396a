import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { describeGlobal, describeObjects, type ObjectDescribe } from './describe-objects.ts';
import { loginWithPassword } from './password-login.ts';
import { SalesforceClient } from './salesforce-client.ts';
import { SalesforceError } from './salesforce-error.ts';
import type { Session, SessionSource } from './session.ts';

const org: OrgSpec = {
  name: 'client-test',
  seed: 3,
  customObjects: 30,
  fieldsPerObject: 10,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@client.test',
  password: 'pw',
  securityToken: 'TOKEN',
};

const fastRetry = { retries: 6, minTimeout: 5, maxTimeout: 50 };
let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({
    orgs: [org, { ...org, name: 'tiny-limit', clientId: 'cid2', dailyApiLimit: 1 }],
    port: 0,
  });
});
afterAll(() => simulator.close());

function credentials(overrides: Partial<OrgSpec> = {}) {
  const spec = { ...org, ...overrides };
  return {
    loginUrl: simulator.url,
    clientId: spec.clientId,
    clientSecret: spec.clientSecret,
    username: spec.username,
    password: spec.password,
    securityToken: spec.securityToken,
  };
}

/** Logs in on demand and counts renewals. */
function passwordSessions(overrides: Partial<OrgSpec> = {}): SessionSource & { renewals: number } {
  let session: Session | undefined;
  const source = {
    renewals: 0,
    current: async () => (session ??= await loginWithPassword(credentials(overrides), fastRetry)),
    renew: async () => {
      source.renewals++;
      session = await loginWithPassword(credentials(overrides), fastRetry);
      return session;
    },
  };
  return source;
}

function client(sessions: SessionSource, extra: Partial<ConstructorParameters<typeof SalesforceClient>[0]> = {}) {
  return new SalesforceClient({ sessions, apiVersion: '62.0', retry: fastRetry, ...extra });
}

describe('loginWithPassword', () => {
  it('returns the session and the ids from the identity URL', async () => {
    const login = await loginWithPassword(credentials(), fastRetry);
    expect(login.instanceUrl).toBe(simulator.url);
    expect(login.orgId).toBe(simulator.org(org.name).org.id);
    expect(login.userId).toBe(simulator.org(org.name).org.userId);
  });

  it('fails a refused password once, without retrying', async () => {
    const before = simulator.org(org.name).counters.byKind.oauth_token ?? 0;
    const failure = await loginWithPassword(credentials({ password: 'nope' }), fastRetry).catch((error) => error);
    expect(failure).toBeInstanceOf(SalesforceError);
    expect(failure).toMatchObject({ code: 'invalid_grant', kind: 'auth' });
    expect(simulator.org(org.name).counters.byKind.oauth_token).toBe(before + 1);
  });
});

describe('SalesforceClient', () => {
  it('describes objects 25 to a composite call and reports the ones that vanished', async () => {
    const salesforce = client(passwordSessions());
    const names = (await describeGlobal(salesforce)).map((object) => object.name).slice(0, 60);
    simulator.org(org.name).resetCounters();
    const received: ObjectDescribe[] = [];
    const { missing } = await describeObjects(salesforce, [...names, 'Vanished__c'], {
      concurrency: 2,
      onBatch: async ({ describes }) => {
        received.push(...describes);
      },
    });
    expect(missing).toEqual(['Vanished__c']);
    expect(received.map((describe) => describe.name).sort()).toEqual([...names].sort());
    const counters = simulator.org(org.name).counters;
    expect(counters.byKind.composite).toBe(3);
    // The one failed subrequest falls back to its own describe, which answers 404.
    expect(counters.byKind.describe).toBe(1);
  });

  it('falls back to plain describes when composite refuses them', async () => {
    const salesforce = client(passwordSessions());
    const names = (await describeGlobal(salesforce)).map((object) => object.name).slice(0, 30);
    simulator.org(org.name).setFaults({ compositeRejectsDescribe: true });
    simulator.org(org.name).resetCounters();
    try {
      const received: ObjectDescribe[] = [];
      await describeObjects(salesforce, names, {
        concurrency: 2,
        onBatch: async ({ describes }) => void received.push(...describes),
      });
      expect(received.map((describe) => describe.name).sort()).toEqual([...names].sort());
      for (const describe of received)
        expect(describe).toEqual(simulator.org(org.name).org.describes.get(describe.name));
      expect(simulator.org(org.name).counters.byKind.composite).toBe(2);
      expect(simulator.org(org.name).counters.byKind.describe).toBe(30);
    } finally {
      simulator.org(org.name).setFaults({});
    }
  });

  it('describes again, on their own, the subrequests that composite answered 503', async () => {
    const salesforce = client(passwordSessions());
    const names = (await describeGlobal(salesforce)).map((object) => object.name).slice(0, 50);
    simulator.org(org.name).setFaults({ subrequest503Rate: 0.3 });
    simulator.org(org.name).resetCounters();
    try {
      const received: ObjectDescribe[] = [];
      await describeObjects(salesforce, names, {
        concurrency: 2,
        onBatch: async ({ describes }) => void received.push(...describes),
      });
      expect(received.map((describe) => describe.name).sort()).toEqual([...names].sort());
      const counters = simulator.org(org.name).counters;
      expect(counters.byKind.composite).toBe(2);
      expect(counters.byKind.describe).toBeGreaterThan(0);
      expect(counters.byKind.describe).toBeLessThan(50);
    } finally {
      simulator.org(org.name).setFaults({});
    }
  });

  it('retries transient failures until they pass', async () => {
    const salesforce = client(passwordSessions());
    await salesforce.request('limits', { url: salesforce.dataPath('/limits') });
    simulator.org(org.name).setFaults({ error503Rate: 0.5 });
    try {
      const sent = salesforce.requestsSent;
      for (let index = 0; index < 10; index++) {
        await salesforce.request('limits', { url: salesforce.dataPath('/limits') });
      }
      expect(salesforce.requestsSent - sent).toBeGreaterThan(10);
    } finally {
      simulator.org(org.name).setFaults({});
    }
  });

  it('renews an expired session and goes on', async () => {
    const sessions = passwordSessions();
    const salesforce = client(sessions);
    await salesforce.request('limits', { url: salesforce.dataPath('/limits') });
    simulator.org(org.name).expireSessions();
    const limits = await salesforce.request<{ DailyApiRequests: { Max: number } }>('limits', {
      url: salesforce.dataPath('/limits'),
    });
    expect(limits.DailyApiRequests.Max).toBe(15000);
    expect(sessions.renewals).toBe(1);
  });

  it('gives up after a bounded number of renewals per request, backing off, as a transient failure', async () => {
    const dead = { accessToken: 'revoked', instanceUrl: simulator.url };
    let renewals = 0;
    const delays: number[] = [];
    const salesforce = client(
      {
        current: async () => dead,
        renew: async () => {
          renewals++;
          return dead;
        },
      },
      {
        maxSessionRenewals: 3,
        retry: { retries: 0, minTimeout: 1, maxTimeout: 1 },
        renewalDelayMs: (renewal) => {
          delays.push(renewal);
          return 1;
        },
      },
    );
    const failure = await salesforce.request('limits', { url: salesforce.dataPath('/limits') }).catch((error) => error);
    // Every renewal succeeded: that is no refusal of the credentials, so nothing marks them refused.
    expect(failure).toMatchObject({ code: 'SESSION_RENEWAL_EXHAUSTED', kind: 'transient' });
    expect(renewals).toBe(3);
    expect(delays).toEqual([1, 2]);
    expect(salesforce.requestsSent).toBe(4);
  });

  it('records each call before sending it, and sends nothing when recording fails', async () => {
    let recorded = 0;
    const salesforce = client(passwordSessions(), { beforeRequest: async () => void recorded++ });
    await salesforce.request('limits', { url: salesforce.dataPath('/limits') });
    await salesforce.request('limits', { url: salesforce.dataPath('/limits') });
    expect(recorded).toBe(2);
    expect(salesforce.requestsSent).toBe(2);

    const broken = client(passwordSessions(), {
      beforeRequest: async () => {
        throw new Error('database down');
      },
    });
    await expect(broken.request('limits', { url: broken.dataPath('/limits') })).rejects.toThrow('database down');
    expect(broken.requestsSent).toBe(0);
  });

  it('does not retry a spent daily limit, and reports the usage', async () => {
    const salesforce = client(passwordSessions({ clientId: 'cid2' }));
    await salesforce.request('limits', { url: salesforce.dataPath('/limits') });
    expect(salesforce.apiUsage).toEqual({ used: 1, max: 1 });
    const failure = await salesforce.request('limits', { url: salesforce.dataPath('/limits') }).catch((error) => error);
    expect(failure).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', kind: 'limit', status: 403 });
    expect(salesforce.requestsSent).toBe(2);
  });

  it('stops before the daily limit when given a budget, without sending', async () => {
    const spec = { ...org, name: 'budget', clientId: 'cid3', dailyApiLimit: 10 };
    const budgeted = await startSimulator({ orgs: [spec], port: 0 });
    try {
      const login = await loginWithPassword({ ...credentials(), loginUrl: budgeted.url, clientId: 'cid3' }, fastRetry);
      const salesforce = client({ current: async () => login, renew: async () => login }, { apiBudget: 0.5 });
      for (let index = 0; index < 5; index++)
        await salesforce.request('limits', { url: salesforce.dataPath('/limits') });
      const failure = await salesforce
        .request('limits', { url: salesforce.dataPath('/limits') })
        .catch((error) => error);
      expect(failure).toMatchObject({ code: 'API_BUDGET_EXHAUSTED', kind: 'limit' });
      expect(salesforce.requestsSent).toBe(5);
      expect(budgeted.org('budget').counters.apiUsage).toBe(5);
    } finally {
      await budgeted.close();
    }
  });
});
